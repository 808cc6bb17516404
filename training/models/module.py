"""A training module: who it is for, how long, its objectives, sessions, resources and lessons in order."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin

from site_core.blocks import DocumentLinkBlock
from site_core.models import BasePage
from site_core.translation import shown_versions

from .lesson import TrainingLessonPage
from .mixins import ModuleProgress, StaffOnlyMixin, module_progress
from .records import Attestation, LessonProgress


class TrainingModulePage(StaffOnlyMixin, BasePage):
    E_LEARNING, IN_PERSON, MIXED = "e_learning", "in_person", "mixed"
    FORMAT_CHOICES = [
        (E_LEARNING, pgettext_lazy("training format", "E-learning")),
        (IN_PERSON, pgettext_lazy("training format", "In person")),
        (MIXED, pgettext_lazy("training format", "Mixed")),
    ]

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("In one or two sentences: what this module is for.")
    )
    audience = models.CharField(
        _("audience"),
        max_length=255,
        help_text=_("The services concerned, for example “Every service that runs a consultation”."),
    )
    duration_hours = models.PositiveSmallIntegerField(
        _("duration (hours)"),
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("Total duration in hours (one day = 7 hours). It appears on the attestation."),
    )
    duration_label = models.CharField(
        _("duration in words"),
        max_length=60,
        blank=True,
        help_text=_("Optional, for example “1 day” or “3 days”. Shown with the number of hours."),
    )
    format = models.CharField(
        _("format"),
        max_length=20,
        choices=FORMAT_CHOICES,
        default=MIXED,
        help_text=_("Online, in person or mixed (online lessons and sessions in a room)."),
    )
    objectives = RichTextField(
        _("objectives"),
        features=["bold", "italic", "ul", "ol", "link"],
        help_text=_(
            "What the person will be able to do at the end of the module, as a bulleted list starting with a verb."
        ),
    )
    resources = StreamField(
        [("document", DocumentLinkBlock())],
        verbose_name=_("resources to download"),
        blank=True,
        use_json_field=True,
        help_text=_("Working documents: standard report template, models, practical sheets."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("duration_hours"), FieldPanel("duration_label")]),
                FieldPanel("format"),
            ],
            _("Who, how long, how"),
        ),
        FieldPanel("objectives"),
        InlinePanel("prerequisites", label=_("Prerequisites")),
        InlinePanel("sessions", label=_("In-person sessions")),
        FieldPanel("resources"),
    ]

    parent_page_types = ["training.TrainingIndexPage"]
    subpage_types = ["training.TrainingLessonPage"]

    class Meta:
        verbose_name = _("training module")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        lessons = list(TrainingLessonPage.objects.child_of(self).live().order_by("path"))
        records = {
            record.lesson_key: record
            for record in LessonProgress.objects.filter(
                user=request.user, lesson_key__in=[lesson.translation_key for lesson in lessons]
            )
        }
        context["lesson_rows"] = [
            {"lesson": lesson, "progress": records.get(lesson.translation_key), "number": number}
            for number, lesson in enumerate(lessons, start=1)
        ]
        context["progress"] = ModuleProgress(
            module=self,
            total=len(lessons),
            done=sum(1 for record in records.values() if record.completed_at),
            started=bool(records),
            attestation=Attestation.objects.filter(
                user=request.user, module_key=self.translation_key, superseded=False
            ).first(),
        )
        if self.index_page is not None:
            self.index_page.with_attestation_urls([context["progress"]], request)
        context["next_lesson"] = next(
            (lesson for lesson in lessons if not getattr(records.get(lesson.translation_key), "completed_at", None)),
            None,
        )
        context["upcoming_sessions"] = [
            session for session in self.sessions.all() if session.starts_at >= timezone.now()
        ]
        context["prerequisite_rows"] = module_progress(self.required_modules(), request.user)
        context["index_page"] = self.index_page
        return context

    def required_modules(self):
        """The live modules to follow first, each as this page's reader sees it (site_core.translation): in this
        page's language when translated there (an editor may have picked the French module on an English page, or
        the translation may have kept the source's choice), else with `shown_lang`, its language, for the mark."""
        required = [
            item.required_module
            for item in self.prerequisites.select_related("required_module")
            if item.required_module.live
        ]
        modules = []
        # Training pages are all private (staff only): whoever reads this page may read its translations.
        for shown in shown_versions(required, self.locale_id, public_only=False):
            shown.record.shown_lang = shown.lang
            modules.append(shown.record)
        return modules

    @cached_property
    def index_page(self):
        # Here, not at the top: training.models.index imports this module (an import cycle).
        from .index import TrainingIndexPage

        return TrainingIndexPage.objects.ancestor_of(self).first()


class ModulePrerequisite(TranslatableMixin, Orderable):
    module = ParentalKey(TrainingModulePage, related_name="prerequisites", on_delete=models.CASCADE)
    required_module = models.ForeignKey(
        TrainingModulePage,
        verbose_name=_("module to follow first"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A module to follow before this one."),
    )

    panels = [FieldPanel("required_module")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("prerequisite")
        ordering = ["sort_order"]

    def clean(self):
        super().clean()
        if self.module_id and self.required_module_id == self.module_id:
            raise ValidationError({"required_module": _("A module cannot be its own prerequisite.")})


class TrainingSession(TranslatableMixin, Orderable):
    module = ParentalKey(TrainingModulePage, related_name="sessions", on_delete=models.CASCADE)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, help_text=_("Room and address, with public transport access."))
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Number of places. Leave empty if unlimited.")
    )
    trainer = models.CharField(_("trainer"), max_length=160, blank=True)
    registration_url = models.URLField(
        _("registration link"), blank=True, help_text=_("Link to the registration form (intranet, platform).")
    )

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("place"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("trainer")]),
        FieldPanel("registration_url"),
    ]

    def clean(self):
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("in-person session")
        ordering = ["sort_order"]
