"""Admin forms: a random draw in its two steps (publishing the list, pasted, its record computed, never typed; then,
at the session, typing the public seed that draws); answering a contribution, or writing a shared answer, on a
consultation in its original language."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from consultations import draws
from consultations.models import ConsultationEvent, ConsultationPage, Contribution, RandomDraw, SharedAnswer
from consultations.models.draw import check_count
from consultations.permissions import originals


class RandomDrawCreateForm(WagtailAdminModelForm):
    """Step 1: the list and where the seed will come from are published; nobody can change them afterwards."""

    items = forms.CharField(
        label=_("List to draw from"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "One entry per line (proposal, participant…), in the order of the published list. Empty lines are "
            "ignored. The list is published as it is: to draw people by lot, write anonymous numbers, never names. "
            "Once saved, it can no longer change."
        ),
    )

    class Meta:
        model = RandomDraw
        fields = ["consultation", "title", "method", "count", "seed_source"]
        help_texts = {"count": _("How many entries to draw.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = ConsultationPage.objects.select_related("locale").order_by(
            "-first_published_at"
        )
        self.fields["seed_source"].required = True
        self.fields["consultation"].label_from_instance = lambda page: f"{page.title} ({page.locale})"

    def clean(self):
        cleaned = super().clean()
        entries = draws.normalise_items(cleaned.get("items", "").splitlines())
        count = cleaned.get("count")
        if count is not None and entries:
            try:
                check_count(entries, count)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned

    def save(self, commit=True):
        return RandomDraw.publish_list(
            consultation=self.cleaned_data["consultation"],
            title=self.cleaned_data["title"],
            method=self.cleaned_data["method"],
            items=self.cleaned_data["items"].splitlines(),
            count=self.cleaned_data["count"],
            seed_source=self.cleaned_data["seed_source"],
        )


class RandomDrawEditForm(WagtailAdminModelForm):
    """Only the wording can change, and, once, at the session, the seed is typed: that makes the draw. The list,
    the seed's source, the seed and the result are the record."""

    class Meta:
        model = RandomDraw
        fields = ["title", "method", "seed"]
        labels = {"seed": _("Seed read at the draw")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.is_drawn or not instance.is_replayable:
            del self.fields["seed"]
        else:
            self.fields["seed"].required = False
            self.fields["seed"].help_text = _(
                "Leave empty until the draw. At the session, type the value read from: %(source)s. Saving draws at "
                "once, and the seed can no longer change."
            ) % {"source": instance.seed_source}
        self.performed_at = None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("seed"):
            self.performed_at = timezone.now()
            error = self.instance.seed_error(cleaned["seed"], self.performed_at)
            if error:
                self.add_error("seed", error)
        return cleaned

    def _post_clean(self):
        # The model form would copy the seed onto the record before it is drawn; perform() writes it with the result.
        seed = self.cleaned_data.pop("seed", None)
        super()._post_clean()
        if seed is not None:
            self.cleaned_data["seed"] = seed

    def save(self, commit=True):
        seed = self.cleaned_data.get("seed")
        instance = super().save(commit=commit)
        if seed:
            user = self.for_user
            by = (user.get_full_name() or user.get_username()) if user else ""
            instance.perform(seed, performed_by=by, performed_at=self.performed_at)
        return instance


def original_consultations():
    """The consultation pages in their original version, for the choosers of contributions and shared answers."""
    return originals(ConsultationPage.objects.all()).select_related("locale").order_by("title")


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
