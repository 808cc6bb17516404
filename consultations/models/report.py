"""ConsultationReportPage: the standard report ("bilan") that answers every contribution, and its rows."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from consultations import extensions
from consultations import status as statuses
from consultations.panels import EventFiguresPanel
from site_core.blocks import DocumentLinkBlock
from site_core.models import BasePage

RICH_FEATURES = ["bold", "italic", "link", "ul", "ol", "h3"]


class AnnexLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Link text"), max_length=160)
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        label = _("Link")
        template = "consultations/blocks/annex_link.html"


class AnnexBlock(blocks.StreamBlock):
    document = DocumentLinkBlock()
    link = AnnexLinkBlock()


class ConsultationReportPage(BasePage):
    project_reminder = RichTextField(
        _("the project and the question"),
        features=RICH_FEATURES,
        help_text=_("A reminder of the project, the question put to the public and the legal or political frame."),
    )
    organisation = RichTextField(
        _("how the consultation was organised"),
        features=RICH_FEATURES,
        help_text=_("The channels (online, in person), the calendar, the places and the dates."),
    )
    participants_online = models.PositiveIntegerField(
        _("participants online"), null=True, help_text=_("A number: people who took part on the platform.")
    )
    participants_in_person = models.PositiveIntegerField(
        _("participants in person"), null=True, help_text=_("A number: people who came to the events.")
    )
    contributions_online = models.PositiveIntegerField(
        _("contributions online"), null=True, help_text=_("A number: proposals and comments online.")
    )
    contributions_in_person = models.PositiveIntegerField(
        _("contributions in person"), null=True, help_text=_("A number: contributions collected at events.")
    )
    events_held = models.PositiveIntegerField(
        _("events held"), null=True, help_text=_("A number: events actually held.")
    )
    total_attendance = models.PositiveIntegerField(
        _("total attendance"), null=True, help_text=_("A number: attendance added up over all events.")
    )
    reach_notes = models.TextField(
        _("who was reached and who was not"),
        blank=True,
        help_text=_("The groups well represented and those missing (young people, neighbourhoods, older people…)."),
    )
    heard = RichTextField(
        _("what was heard"),
        features=RICH_FEATURES,
        help_text=_("A faithful account: themes, arguments, agreements and disagreements."),
    )
    delivered_impact = RichTextField(
        _("delivered impact"),
        features=RICH_FEATURES,
        help_text=_(
            "What participation really changed. The announced impact is taken automatically from the consultation and "
            "shown alongside: do not copy it."
        ),
    )
    participants_informed = models.TextField(
        _("how participants are told"),
        blank=True,
        help_text=_("How participants are told about this report and what follows (e-mail, meeting…)."),
    )
    annexes = StreamField(
        AnnexBlock(),
        verbose_name=_("annexes"),
        blank=True,
        use_json_field=True,
        help_text=_("Full minutes, analysis documents, council decision."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("project_reminder"),
        FieldPanel("organisation"),
        MultiFieldPanel(
            [
                EventFiguresPanel(),
                FieldRowPanel([FieldPanel("participants_online"), FieldPanel("participants_in_person")]),
                FieldRowPanel([FieldPanel("contributions_online"), FieldPanel("contributions_in_person")]),
                FieldRowPanel([FieldPanel("events_held"), FieldPanel("total_attendance")]),
                FieldPanel("reach_notes"),
            ],
            heading=_("Participation in figures"),
        ),
        FieldPanel("heard"),
        InlinePanel("responses", label=_("Responses to contributions"), min_num=1),
        FieldPanel("delivered_impact"),
        InlinePanel("next_steps", label=_("Next steps")),
        FieldPanel("participants_informed"),
        FieldPanel("annexes"),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("heard"), index.SearchField("delivered_impact")]

    parent_page_types = ["consultations.ConsultationPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("consultation report")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        consultation = self.consultation
        results = extensions.all_answers(extensions.IMPLEMENTATION_RESULTS, consultation) if consultation else []
        responses = self.responses_with_results(results)
        context.update(
            consultation=consultation,
            timeliness=statuses.report_timeliness(
                consultation.answer_due_date if consultation else None,
                statuses.publication_day(self.first_published_at) if self.live else None,
                timezone.localdate(),
            ),
            responses=responses,
            implementation_results=results,
            decision_counts=count_decisions(responses),  # from the rows already read: one query fewer
            next_steps=sorted(self.next_steps.all(), key=lambda step: (step.due_date, step.sort_order or 0)),
            restitution_events=[
                event for event in (consultation.ordered_events if consultation else []) if event.kind == "restitution"
            ],
        )
        return context

    def responses_with_results(self, results):
        """The response rows, each with `.implementation_results`: the imported results that include its proposal.
        A row is tied to its proposal by the subject the importer drafted it with ("Decidim PV-PROP-…")."""
        by_subject = {}
        for result in results:
            for proposal in result.proposals.all():
                by_subject.setdefault(proposal.report_subject, []).append(result)
        responses = list(self.responses.all())
        for response in responses:
            response.implementation_results = by_subject.get(response.subject, [])
        return responses

    @cached_property
    def consultation(self):
        parent = self.get_parent()
        return parent.specific if parent else None

    @property
    def participants_total(self):
        return _sum(self.participants_online, self.participants_in_person)

    @property
    def contributions_total(self):
        return _sum(self.contributions_online, self.contributions_in_person)

    @cached_property
    def decision_counts(self):
        return count_decisions(self.responses.all())


def count_decisions(responses):
    counts = {code: 0 for code, _label in ReportResponse.DECISIONS}
    for response in responses:
        counts[response.decision] = counts.get(response.decision, 0) + 1
    return [{"code": code, "label": label, "count": counts[code]} for code, label in ReportResponse.DECISIONS]


def _sum(*values):
    if any(value is None for value in values):
        return None
    return sum(values)


class ReportResponse(TranslatableMixin, Orderable):
    ONLINE = "online"
    IN_PERSON = "in_person"
    BOTH = "both"
    WRITTEN = "written"
    CHANNELS = [
        (ONLINE, _("online")),
        (IN_PERSON, _("in person")),
        (BOTH, _("online and in person")),
        (WRITTEN, _("letter or e-mail")),
    ]
    KEPT = "kept"
    ADAPTED = "adapted"
    NOT_KEPT = "not_kept"
    OUT_OF_SCOPE = "out_of_scope"
    DECISIONS = [
        (KEPT, _("kept")),
        (ADAPTED, _("adapted")),
        (NOT_KEPT, _("not kept")),
        (OUT_OF_SCOPE, _("out of scope")),
    ]

    page = ParentalKey(ConsultationReportPage, related_name="responses", on_delete=models.CASCADE)
    subject = models.CharField(
        _("contribution or theme"),
        max_length=160,
        blank=True,
        help_text=_("Optional: the theme or the contribution's reference, for example “Proposal no. 12”."),
    )
    proposal = models.TextField(_("what was proposed"), help_text=_("The proposal, faithfully summarised."))
    channel = models.CharField(_("channel"), max_length=10, choices=CHANNELS, default=ONLINE)
    decision = models.CharField(_("decision"), max_length=15, choices=DECISIONS)
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_(
            "Required unless the proposal is kept as it is: why it is adapted, not kept or out of scope, in plain "
            "language."
        ),
    )

    panels = [
        FieldPanel("subject"),
        FieldPanel("proposal"),
        FieldRowPanel([FieldPanel("channel"), FieldPanel("decision")]),
        FieldPanel("reason"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("response to a contribution")
        verbose_name_plural = _("responses to contributions")
        ordering = ["sort_order"]
        constraints = [
            models.CheckConstraint(condition=Q(decision="kept") | ~Q(reason=""), name="response_reason_unless_kept"),
        ]

    def __str__(self):
        return self.subject or self.proposal[:60]

    def clean(self):
        super().clean()
        if self.decision and self.decision != self.KEPT and not (self.reason or "").strip():
            raise ValidationError(
                {
                    "reason": _(
                        "Give the reason: a proposal that is adapted, not kept or out of scope must be explained "
                        "to the people who made it."
                    )
                }
            )


class ReportNextStep(TranslatableMixin, Orderable):
    page = ParentalKey(ConsultationReportPage, related_name="next_steps", on_delete=models.CASCADE)
    description = models.CharField(
        _("step"), max_length=255, help_text=_("For example “Vote on the plan by the metropolitan council”.")
    )
    due_date = models.DateField(_("date"), help_text=_("The planned date (or the first day of the planned month)."))
    responsible = models.CharField(
        _("who"), max_length=160, blank=True, help_text=_("Who decides or acts at this step.")
    )

    panels = [FieldPanel("description"), FieldRowPanel([FieldPanel("due_date"), FieldPanel("responsible")])]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")
        ordering = ["sort_order"]

    def __str__(self):
        return self.description
