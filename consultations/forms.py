"""Admin forms: performing a random draw (the list is pasted, the record is computed, never typed); answering a
contribution, or writing a shared answer, on a consultation in its original language."""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from consultations.models import ConsultationEvent, ConsultationPage, Contribution, RandomDraw, SharedAnswer
from consultations.models.draw import normalise_items


class RandomDrawCreateForm(WagtailAdminModelForm):
    items = forms.CharField(
        label=_("List to draw from"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "One entry per line (proposal, participant…). Empty lines are ignored. The list is published: to draw "
            "people by lot, write anonymous numbers, never names."
        ),
    )

    class Meta:
        model = RandomDraw
        fields = ["consultation", "title", "method", "count", "seed"]
        help_texts = {"count": _("How many entries to draw.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = ConsultationPage.objects.select_related("locale").order_by(
            "-first_published_at"
        )
        self.fields["seed"].required = False
        self.fields["consultation"].label_from_instance = lambda page: f"{page.title} ({page.locale})"

    def save(self, commit=True):
        user = self.for_user
        return RandomDraw.perform(
            consultation=self.cleaned_data["consultation"],
            title=self.cleaned_data["title"],
            method=self.cleaned_data["method"],
            items=self.cleaned_data["items"].splitlines(),
            count=self.cleaned_data["count"],
            seed=self.cleaned_data.get("seed", ""),
            performed_by=(user.get_full_name() or user.get_username()) if user else "",
        )

    def clean(self):
        cleaned = super().clean()
        entries = normalise_items(cleaned.get("items", "").splitlines())
        count = cleaned.get("count")
        if count is not None and entries and not 1 <= count <= len(entries):
            self.add_error(
                "count", _("You can draw between 1 and %(size)s entries from this list.") % {"size": len(entries)}
            )
        return cleaned


class RandomDrawEditForm(WagtailAdminModelForm):
    """Once drawn, only the wording can change: the list, seed and result are the record."""

    class Meta:
        model = RandomDraw
        fields = ["title", "method"]


def original_consultations():
    """The consultation pages in their original language (the first version made, lowest id, as
    site_core.translation reads it): contributions and shared answers belong to those, never to a translation."""
    earlier = ConsultationPage.objects.filter(translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk"))
    return ConsultationPage.objects.filter(~Exists(earlier)).select_related("locale").order_by("title")


def _label_consultation(page):
    return f"{page.title} ({page.locale})"


class ContributionAdminForm(WagtailAdminModelForm):
    class Meta:
        model = Contribution
        fields = [
            "consultation",
            "reference",
            "channel",
            "event",
            "submitted_on",
            "title",
            "body",
            "is_summary",
            "language",
            "theme",
            "decidim_url",
            "author_name",
            "author_consents_to_name",
            "decision",
            "reason",
            "shared_answer",
            "answered_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = original_consultations()
        self.fields["consultation"].label_from_instance = _label_consultation
        self.fields["event"].queryset = ConsultationEvent.objects.filter(
            page__in=original_consultations().values("pk")
        ).order_by("start")
        self.fields["shared_answer"].queryset = SharedAnswer.objects.select_related("consultation")
        self.fields["shared_answer"].label_from_instance = lambda answer: f"{answer.title} ({answer.consultation})"


class SharedAnswerAdminForm(WagtailAdminModelForm):
    class Meta:
        model = SharedAnswer
        fields = ["consultation", "title", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = original_consultations()
        self.fields["consultation"].label_from_instance = _label_consultation
