"""The training section's page types: catalogue, module, lesson (staff only) and the public attestation check."""

from dataclasses import dataclass

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin

from site_core.blocks import DocumentLinkBlock
from site_core.models import BasePage
from training import access
from training.blocks import LessonStreamBlock

from .records import Attestation, LessonProgress, normalise_code

NOT_STARTED, IN_PROGRESS, COMPLETED = "not_started", "in_progress", "completed"
STATUS_LABELS = {NOT_STARTED: _("Not started"), IN_PROGRESS: _("In progress"), COMPLETED: _("Completed")}


class StaffOnlyMixin:
    """Staff-only pages: the rule lives in code, so removing the view restriction in the admin exposes nothing;
    every answer is private, and the pages are never put in the search index."""

    def serve(self, request, *args, **kwargs):
        denied = access.denied_response(request)
        if denied is not None:
            return access.make_private(denied)
        return access.make_private(self.serve_staff(request, *args, **kwargs))

    def serve_staff(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.none()


@dataclass
class ModuleProgress:
    """One module as a person sees it: how many lessons, how many complete, and the resulting status."""

    module: "TrainingModulePage"
    total: int
    done: int
    started: bool
    attestation: Attestation | None
    attestation_url: str = ""

    @property
    def status(self):
        if self.attestation is not None or (self.total and self.done >= self.total):
            return COMPLETED
        return IN_PROGRESS if self.started else NOT_STARTED

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


def module_progress(modules, user):
    """Progress of `user` in each of `modules`, in three queries whatever the number of modules and lessons."""
    modules = list(modules)
    if not modules:
        return []
    under_a_module = Q()
    for module in modules:
        under_a_module |= Q(path__startswith=module.path, depth=module.depth + 1)
    lessons = TrainingLessonPage.objects.live().filter(under_a_module).order_by("path").values_list("pk", "path")
    lessons_by_module = {}
    for pk, lesson_path in lessons:
        lessons_by_module.setdefault(lesson_path[: -Page.steplen], []).append(pk)
    all_ids = [pk for ids in lessons_by_module.values() for pk in ids]
    records = dict(
        LessonProgress.objects.filter(user=user, lesson_id__in=all_ids).values_list("lesson_id", "completed_at")
    )
    attestations = {
        attestation.module_id: attestation
        for attestation in Attestation.objects.filter(user=user, module__in=[module.pk for module in modules])
    }
    rows = []
    for module in modules:
        ids = lessons_by_module.get(module.path, [])
        rows.append(
            ModuleProgress(
                module=module,
                total=len(ids),
                done=sum(1 for pk in ids if records.get(pk)),
                started=any(pk in records for pk in ids),
                attestation=attestations.get(module.pk),
            )
        )
    return rows


class TrainingIndexPage(StaffOnlyMixin, RoutablePageMixin, BasePage):
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Ce que les agents trouvent ici et pourquoi se former, en deux phrases."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = ["training.TrainingModulePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("training catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["module_rows"] = module_progress(self.modules(), request.user)
        return context

    def modules(self):
        return TrainingModulePage.objects.child_of(self).live().order_by("path")

    def subpage_url(self, name, *args, request=None):
        return self.get_url(request) + self.reverse_subpage(name, args=args)

    @property
    def catalogue_url(self):
        return self.url

    @property
    def my_training_url(self):
        return self.subpage_url("my_training")

    def with_attestation_urls(self, rows, request):
        for row in rows:
            if row.status == COMPLETED:
                row.attestation_url = self.subpage_url("attestation", row.module.pk, request=request)
        return rows

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        access.ensure_view_restriction(self)

    @path("")
    def catalogue(self, request):
        return self.render(request)

    @path("mon-parcours/", name="my_training")
    def my_training(self, request):
        rows = self.with_attestation_urls(module_progress(self.modules(), request.user), request)
        return self.render(
            request,
            template="training/my_training.html",
            context_overrides={
                "module_rows": rows,
                "completed_rows": [row for row in rows if row.status == COMPLETED],
                "in_progress_rows": [row for row in rows if row.status == IN_PROGRESS],
                "not_started_rows": [row for row in rows if row.status == NOT_STARTED],
            },
        )

    @path("attestation/<int:module_id>/", name="attestation")
    def attestation(self, request, module_id):
        from training.progress import ensure_attestation

        module = self.modules().filter(pk=module_id).first()
        if module is None:
            raise Http404
        attestation = ensure_attestation(request.user, module)
        if attestation is None:
            raise Http404
        verification_page = AttestationVerificationPage.for_locale(self.locale_id)
        verification_url = ""
        if verification_page is not None:
            verification_url = request.build_absolute_uri(
                verification_page.get_url(request)
                + verification_page.reverse_subpage("verify", args=[attestation.code])
            )
        return self.render(
            request,
            template="training/attestation.html",
            context_overrides={"module": module, "attestation": attestation, "verification_url": verification_url},
        )


class TrainingModulePage(StaffOnlyMixin, BasePage):
    E_LEARNING, IN_PERSON, MIXED = "e_learning", "in_person", "mixed"
    FORMAT_CHOICES = [(E_LEARNING, _("E-learning")), (IN_PERSON, _("In person")), (MIXED, _("Mixed"))]

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("En une ou deux phrases : à quoi sert ce module.")
    )
    audience = models.CharField(
        _("audience"),
        max_length=255,
        help_text=_("Les services concernés, par exemple « Tous les services qui conduisent une concertation »."),
    )
    duration_hours = models.PositiveSmallIntegerField(
        _("duration (hours)"),
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("Durée totale en heures (une journée = 7 heures). Elle figure sur l'attestation."),
    )
    duration_label = models.CharField(
        _("duration in words"),
        max_length=60,
        blank=True,
        help_text=_("Facultatif, par exemple « 1 journée » ou « 3 jours ». Affiché avec le nombre d'heures."),
    )
    format = models.CharField(
        _("format"),
        max_length=20,
        choices=FORMAT_CHOICES,
        default=MIXED,
        help_text=_("En ligne, en présentiel ou mixte (leçons en ligne et sessions en salle)."),
    )
    objectives = RichTextField(
        _("objectives"),
        features=["bold", "italic", "ul", "ol", "link"],
        help_text=_("Ce que l'agent saura faire à la fin du module, en liste à puces commençant par un verbe."),
    )
    resources = StreamField(
        [("document", DocumentLinkBlock())],
        verbose_name=_("resources to download"),
        blank=True,
        use_json_field=True,
        help_text=_("Les documents de travail : cadre type de bilan, modèles, fiches pratiques."),
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
            record.lesson_id: record for record in LessonProgress.objects.filter(user=request.user, lesson__in=lessons)
        }
        context["lesson_rows"] = [
            {"lesson": lesson, "progress": records.get(lesson.pk), "number": number}
            for number, lesson in enumerate(lessons, start=1)
        ]
        context["progress"] = ModuleProgress(
            module=self,
            total=len(lessons),
            done=sum(1 for record in records.values() if record.completed_at),
            started=bool(records),
            attestation=Attestation.objects.filter(user=request.user, module=self).first(),
        )
        if self.index_page is not None:
            self.index_page.with_attestation_urls([context["progress"]], request)
        context["next_lesson"] = next(
            (lesson for lesson in lessons if not getattr(records.get(lesson.pk), "completed_at", None)), None
        )
        context["upcoming_sessions"] = [
            session for session in self.sessions.all() if session.starts_at >= timezone.now()
        ]
        context["prerequisite_rows"] = module_progress(
            [
                item.required_module
                for item in self.prerequisites.select_related("required_module")
                if item.required_module.live
            ],
            request.user,
        )
        context["index_page"] = self.index_page
        return context

    @cached_property
    def index_page(self):
        return TrainingIndexPage.objects.ancestor_of(self).first()


class ModulePrerequisite(TranslatableMixin, Orderable):
    module = ParentalKey(TrainingModulePage, related_name="prerequisites", on_delete=models.CASCADE)
    required_module = models.ForeignKey(
        TrainingModulePage,
        verbose_name=_("module to follow first"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Un module à suivre avant celui-ci."),
    )

    panels = [FieldPanel("required_module")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("prerequisite")
        ordering = ["sort_order"]


class TrainingSession(TranslatableMixin, Orderable):
    module = ParentalKey(TrainingModulePage, related_name="sessions", on_delete=models.CASCADE)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, help_text=_("Salle et adresse, avec l'accès en transports."))
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Nombre de places. Laissez vide si illimité.")
    )
    trainer = models.CharField(_("trainer"), max_length=160, blank=True)
    registration_url = models.URLField(
        _("registration link"), blank=True, help_text=_("Lien vers le formulaire d'inscription (intranet, plateforme).")
    )

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("place"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("trainer")]),
        FieldPanel("registration_url"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("in-person session")
        ordering = ["sort_order"]


class TrainingLessonPage(StaffOnlyMixin, BasePage):
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Ce que la leçon apprend, en une ou deux phrases.")
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("reading time (minutes)"), null=True, blank=True, help_text=_("Temps indicatif pour suivre la leçon.")
    )
    body = StreamField(
        LessonStreamBlock(),
        verbose_name=_("content"),
        blank=True,
        use_json_field=True,
        help_text=_(
            "Le contenu de la leçon. Les questions de quiz sont regroupées en un seul questionnaire à la fin de "
            "la leçon ; les bonnes réponses ne sont jamais envoyées au navigateur avant la réponse."
        ),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Pourcentage de bonnes réponses à atteindre au quiz pour valider la leçon (s'il y a un quiz)."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("pass_mark")]),
        FieldPanel("body"),
    ]

    parent_page_types = ["training.TrainingModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("training lesson")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        siblings = list(
            TrainingLessonPage.objects.sibling_of(self).live().order_by("path").only("id", "title", "url_path", "path")
        )
        position = next((index for index, lesson in enumerate(siblings) if lesson.pk == self.pk), 0)
        progress = LessonProgress.objects.filter(user=request.user, lesson=self).first()
        context.update(
            {
                "module": self.module,
                "lesson_number": position + 1,
                "lesson_count": len(siblings),
                "previous_lesson": siblings[position - 1] if position > 0 else None,
                "next_lesson": siblings[position + 1] if position + 1 < len(siblings) else None,
                "progress": progress,
                "content_blocks": [block for block in self.body if block.block_type != "quiz"],
                "quiz_questions": self.quiz_questions,
                "is_complete": bool(progress and progress.completed_at),
                "quiz_passed": progress is not None and (progress.best_score or 0) >= self.pass_mark,
            }
        )
        return context

    @cached_property
    def module(self):
        return TrainingModulePage.objects.parent_of(self).first() if self.pk else None

    @cached_property
    def quiz_questions(self):
        """The questions as the form shows them: text and choices, never which choices are correct."""
        questions = []
        for block in self.body:
            if block.block_type != "quiz":
                continue
            choices = list(block.value["choices"])
            questions.append(
                {
                    "id": block.id,
                    "question": block.value["question"],
                    "choices": [choice["text"] for choice in choices],
                    "multiple": sum(1 for choice in choices if choice["is_correct"]) > 1,
                    "selected": set(),
                }
            )
        return questions

    def serve_staff(self, request, *args, **kwargs):
        from training import progress

        if request.method == "POST":
            action = request.POST.get("action")
            if action == "quiz" and self.quiz_questions:
                result = progress.grade_quiz(self, request.POST)
                progress.record_quiz_score(request.user, self, result.score)
                return self.render_with_result(request, result)
            if action == "done":
                progress.mark_done(request.user, self)
            return HttpResponseRedirect(self.get_url(request) + "#progression")
        return super().serve_staff(request, *args, **kwargs)

    def render_with_result(self, request, result):
        from django.template.response import TemplateResponse

        context = self.get_context(request)
        selected = {question.block_id: question.selected for question in result.questions}
        context["quiz_result"] = result
        context["quiz_questions"] = [
            {**question, "selected": selected.get(question["id"], set())} for question in self.quiz_questions
        ]
        return TemplateResponse(request, self.get_template(request), context)


class AttestationVerificationPage(RoutablePageMixin, BasePage):
    """Public: anyone holding an attestation's code can check it. Shows only the name, module and date."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Explique à quoi sert la vérification, par exemple pour un jury ou un service partenaire."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("attestation verification page")

    @classmethod
    def for_locale(cls, locale_id):
        pages = {page.locale_id: page for page in cls.objects.live().public()}
        return pages.get(locale_id) or next(iter(pages.values()), None)

    @path("")
    def form(self, request):
        if "code" in request.GET:
            code = normalise_code(request.GET["code"])
            if code:
                return HttpResponseRedirect(self.get_url(request) + self.reverse_subpage("verify", args=[code]))
            response = self.render(request, context_overrides={"code_error": True, "typed_code": request.GET["code"]})
            response.status_code = 200
            return response
        return self.render(request)

    @path("<str:code>/", name="verify")
    def verify(self, request, code):
        normalised = normalise_code(code)
        attestation = Attestation.objects.filter(code=normalised).first() if normalised else None
        response = self.render(
            request,
            template="training/attestation_verification_result.html",
            context_overrides={"attestation": attestation, "code": normalised or code[:20]},
        )
        if attestation is None:
            response.status_code = 404
        # A person's name: shown to whoever has the code, never offered to search engines nor kept in shared
        # caches (so a withdrawn attestation stops verifying at once).
        response["X-Robots-Tag"] = "noindex, nofollow"
        return access.make_private(response)
