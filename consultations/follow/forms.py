"""The follow form: an address, a language, the rhythm, and optionally one's contribution references."""

import re

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from consultations.follow.models import Follow
from consultations.models.contribution import REFERENCE_PATTERN, normalise_reference

MAX_REFERENCES = 20


class FollowForm(forms.Form):
    kind = forms.ChoiceField(choices=Follow.KINDS, widget=forms.HiddenInput)
    key = forms.CharField(max_length=100, widget=forms.HiddenInput)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("Used only to tell you about what you follow; deleted when you leave, in one click."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(label=_("Language of the messages"), choices=settings.LANGUAGES)
    digest = forms.BooleanField(label=_("One message a week rather than one per news item"), required=False)
    references = forms.CharField(
        label=_("Your contribution references (optional)"),
        max_length=500,
        required=False,
        help_text=_("For example PM-0142. When the report is published, your own answers come first."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = (get_language() or settings.LANGUAGE_CODE)[:2]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_references(self):
        raw = re.split(r"[\s,;]+", self.cleaned_data["references"])
        references = [normalise_reference(value) for value in raw if value.strip()]
        wrong = [value for value in references if not re.fullmatch(REFERENCE_PATTERN, value)]
        if wrong:
            raise forms.ValidationError(
                _("“%(value)s” is not a reference: a reference is made of letters, digits and dashes, like PM-0142."),
                params={"value": wrong[0]},
            )
        if len(references) > MAX_REFERENCES:
            raise forms.ValidationError(_("Give at most %(count)s references."), params={"count": MAX_REFERENCES})
        return " ".join(dict.fromkeys(references))


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the messages"), choices=settings.LANGUAGES)
    digest = forms.BooleanField(label=_("One message a week rather than one per news item"), required=False)
    references = FollowForm.base_fields["references"]

    clean_references = FollowForm.clean_references
