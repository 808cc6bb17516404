"""The admin forms of a citizens' panel: the panel itself, one volunteer registered by an agent (one list of values
per criterion: the panel's vocabulary, nothing else), and a spreadsheet of volunteers."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.citizens_panels.models import CitizensPanel
from consultations.permissions import editable_originals


class PanelForm(forms.ModelForm):
    class Meta:
        model = CitizensPanel
        fields = ["consultation", "title", "method", "criteria", "seats", "seed_source"]
        widgets = {"criteria": forms.Textarea(attrs={"rows": 4}), "method": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = editable_originals(user).select_related("locale")
        self.fields["consultation"].label_from_instance = lambda page: f"{page.title} ({page.locale})"


class VolunteerForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    contact = forms.CharField(
        label=_("E-mail or telephone"),
        max_length=200,
        required=False,
        help_text=_("To tell the volunteer the result; never published, erased once the panel has met."),
    )

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = panel.parsed_criteria
        for index, criterion in enumerate(self.criteria):
            choices = [("", "—"), *((value, value) for value in criterion.value_names)]
            self.fields[f"criterion_{index}"] = forms.ChoiceField(label=criterion.name, choices=choices)

    def values(self):
        return [self.cleaned_data[f"criterion_{index}"] for index in range(len(self.criteria))]


class VolunteersFileForm(forms.Form):
    spreadsheet = forms.FileField(
        label=_("Spreadsheet of volunteers"),
        help_text=_(
            "An .xlsx or .csv file, one volunteer a line: a column “Name”, optionally “Contact”, and one column per "
            "criterion, named as the panel names it, with one of its values. The whole file is checked first: if a "
            "line is wrong, nothing is registered."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class SeedForm(forms.Form):
    """At the session: the seed read in public, which draws the panel at once (the draw's own rules check it)."""

    seed = forms.CharField(label=_("Seed read at the draw"), max_length=100)

    def __init__(self, *args, draw, **kwargs):
        super().__init__(*args, **kwargs)
        self.draw = draw
        self.fields["seed"].help_text = _(
            "Type the value read from: %(source)s. Saving draws at once, and the seed can no longer change."
        ) % {"source": draw.seed_source}
        self.performed_at = None

    def clean_seed(self):
        self.performed_at = timezone.now()
        error = self.draw.seed_error(self.cleaned_data["seed"], self.performed_at)
        if error:
            raise forms.ValidationError(error)
        return self.cleaned_data["seed"]
