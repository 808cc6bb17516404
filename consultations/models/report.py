"""ConsultationReportPage: the standard report ("bilan") that answers every contribution: its counts, the list of
the contribution records (searchable, filterable, 50 a page) and one page per contribution, at its reference."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from consultations import extensions
from consultations import report_contributions as listing
from consultations import status as statuses
from consultations.panels import ContributionsPanel, EventFiguresPanel
from site_core.blocks import DocumentLinkBlock
from site_core.localised_routes import LocalisedRoutesMixin, localised_path
from site_core.models import BasePage
from site_core.page_pdf import PdfPageMixin

from .consultation import ConsultationPage
from .contribution import Contribution
from .mixins import LocalisedRoutableMixin

RICH_FEATURES = ["bold", "italic", "link", "ul", "ol", "h3"]

# The list's address in each language's own words (site_core/localised_routes.py, as the charter's and the draw's
# sub-routes): these addresses are printed on receipts and in e-mails, so rewording a translation never moves them.
ROUTES = {
    "contributions": {"fr": "contributions/", "en": "contributions/", "nl": "bijdragen/"},
    "contribution": {
        "fr": "contributions/<str:reference>/",
        "en": "contributions/<str:reference>/",
        "nl": "bijdragen/<str:reference>/",
    },
    # The report as a PDF (site_core/page_pdf.py), a file's address (no final slash: site_core/urls.py).
    "pdf": {"fr": "bilan.pdf/", "en": "report.pdf/", "nl": "verslag.pdf/"},
}


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


class ConsultationReportPageForm(WagtailAdminPageForm):
    """Refuses to publish (or submit for publication) a report while a contribution has no decision, unless the editor
    ticks "publish as partial". A draft (and Wagtail's autosave) always saves: Wagtail defers required fields for
    the "save draft" action only (WagtailAdminModelForm.is_deferred_validation), which is how publishing is told
    from saving here."""

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation or cleaned_data.get("published_as_partial"):
            return cleaned_data
        parent = self.parent_page.specific if self.parent_page else None
        without_decision = listing.count_contributions(parent).without_decision if parent else 0
        if without_decision:
            self.add_error("published_as_partial", unanswered_message(without_decision))
        return cleaned_data


def unanswered_message(without_decision):
    return ngettext(
        "%(count)s contribution has no decision: answer it, or tick “publish as partial”.",
        "%(count)s contributions have no decision: answer them, or tick “publish as partial”.",
        without_decision,
    ) % {"count": without_decision}


class ConsultationReportPage(LocalisedRoutableMixin, PdfPageMixin, LocalisedRoutesMixin, RoutablePageMixin, BasePage):
    localised_routes = ROUTES

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

    published_as_partial = models.BooleanField(
        _("publish as partial"),
        default=False,
        help_text=_(
            "Tick only to publish the report before every contribution has a decision: the page then says how many "
            "are answered so far, and the indicators count the report as partial. Untick it once all are answered."
        ),
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
        MultiFieldPanel(
            [ContributionsPanel(), FieldPanel("published_as_partial")], heading=_("Answers to the contributions")
        ),
        FieldPanel("delivered_impact"),
        InlinePanel("next_steps", label=_("Next steps")),
        FieldPanel("participants_informed"),
        FieldPanel("annexes"),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("heard"), index.SearchField("delivered_impact")]
    search_result_kind = pgettext_lazy("search result", "Report")

    parent_page_types = ["consultations.ConsultationPage"]
    subpage_types = []
    max_count_per_parent = 1
    base_form_class = ConsultationReportPageForm

    class Meta:
        verbose_name = _("consultation report")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        consultation = self.consultation
        counts = self.contribution_counts
        context.update(
            consultation=consultation,
            timeliness=statuses.report_timeliness(
                consultation.answer_due_date if consultation else None,
                statuses.publication_day(self.first_published_at) if self.live else None,
                timezone.localdate(),
            ),
            counts=counts,
            contribution_figures=self.contribution_figures(counts),
            contributions_url=self.contributions_url(request),
            implementation_results=(
                extensions.all_answers(extensions.IMPLEMENTATION_RESULTS, consultation) if consultation else []
            ),
            next_steps=sorted(self.next_steps.all(), key=lambda step: (step.due_date, step.sort_order or 0)),
            restitution_events=[
                event for event in (consultation.ordered_events if consultation else []) if event.kind == "restitution"
            ],
            pdf_link=self.pdf_link(request),
            data_links=extensions.all_answers(extensions.DATA_LINKS, consultation, True) if consultation else [],
        )
        return context

    def pdf_source_response(self, request):
        """The report as its PDF shows it: the page itself, with every contribution's decision and answer (the page
        links to them, 50 a page) and the badges of the labels awarded for the consultation."""
        consultation = self.consultation
        decisions = listing.attach_results(listing.listed(consultation)) if consultation else []
        # The reasons are the authority's words, in the language of the consultation the records belong to.
        languages = {}
        if consultation is not None:
            languages = {version.pk: version.locale.language_code for version in consultation.live_translations}
        return self.render(
            request,
            context_overrides={
                "pdf_document": True,
                "pdf_link": None,
                "decisions": decisions,
                "answer_language": languages.get(decisions[0].consultation_id, "") if decisions else "",
                "label_badges": extensions.all_answers(extensions.REPORT_BADGES, self),
            },
        )

    # Routes: the list of contributions and one page per contribution ------------------------------------------

    @localised_path(ROUTES, "contributions")
    def contributions_view(self, request):
        """The records 50 a page, searched and filtered by the GET form; `?reference=` (the "find my contribution"
        field) goes straight to that contribution's page, or to a 404 that says what a reference looks like."""
        consultation = self.consultation
        if consultation is None:
            return self.not_found(request, "")
        if "reference" in request.GET:
            typed = request.GET["reference"][:100]
            contribution = listing.find(consultation, typed)
            if contribution is None:
                return self.not_found(request, typed)
            return HttpResponseRedirect(self.contribution_url(request, contribution.reference))
        form = listing.ContributionFilterForm(
            request.GET, consultation=consultation, themes=self.contribution_counts.themes
        )
        contributions = listing.contribution_page(consultation, form, request.GET.get("page"))
        base_url = self.contributions_url(request)
        for contribution in contributions:
            contribution.permalink = f"{base_url}{contribution.reference}/"
        kept_query = request.GET.copy()
        kept_query.pop("page", None)
        return self.render_route(
            request,
            "consultations/report_contributions.html",
            {
                "consultation": consultation,
                "counts": self.contribution_counts,
                "form": form,
                "contributions": contributions,
                "contributions_url": base_url,
                "query_without_page": kept_query.urlencode(),
            },
        )

    @localised_path(ROUTES, "contribution")
    def contribution_view(self, request, reference):
        consultation = self.consultation
        contribution = listing.find(consultation, reference) if consultation else None
        if contribution is None:
            return self.not_found(request, reference)
        if contribution.reference != reference:  # typed in lower case, for example: one address per contribution
            return HttpResponseRedirect(self.contribution_url(request, contribution.reference))
        event = None
        if contribution.event_id:  # the event in this page's language, when translated
            events = {event.translation_key: event for event in consultation.ordered_events}
            event = events.get(contribution.event.translation_key)
        # The reasons are the authority's words, written in the language of the consultation the records belong to.
        languages = {version.pk: version.locale.language_code for version in consultation.live_translations}
        return self.render_route(
            request,
            "consultations/report_contribution.html",
            {
                "consultation": consultation,
                "contribution": contribution,
                "answer_language": languages.get(contribution.consultation_id, ""),
                "event": event or contribution.event,
                "event_url": self.event_url(request, consultation, event),
                "contributions_url": self.contributions_url(request),
                "shared_url": (
                    f"{self.contributions_url(request)}?shared={contribution.shared_answer_id}"
                    if contribution.shared_answer_id
                    else ""
                ),
            },
        )

    def render_route(self, request, template, context):
        """A sub-route's page with only what it needs: the report's own context (figures, results, next steps,
        events) would cost five queries it never shows."""
        return TemplateResponse(request, template, {**BasePage.get_context(self, request), **context})

    def not_found(self, request, typed):
        """A 404 that keeps what was typed in the field and says what a reference looks like and where it is."""
        response = self.render_route(
            request,
            "consultations/report_contribution_not_found.html",
            {
                "consultation": self.consultation,
                "typed": typed,
                "contributions_url": self.contributions_url(request),
            },
        )
        response.status_code = 404
        return response

    @localised_path(ROUTES, "pdf")
    def pdf_view(self, request):
        return self.serve_pdf(request)

    # Addresses, in the page's language's words --------------------------------------------------------------

    def contributions_url(self, request=None):
        return self.url_for_route(request, "contributions")

    def contribution_url(self, request, reference):
        return self.url_for_route(request, "contribution", reference)

    @staticmethod
    def event_url(request, consultation, event):
        if event is None or event.page_id != consultation.pk:
            return ""
        return (consultation.get_url(request) or "") + consultation.reverse_subpage("event", args=[event.pk]).lstrip(
            "/"
        )

    # Data ---------------------------------------------------------------------------------------------------

    @cached_property
    def consultation(self):
        """The consultation the report answers, as its own type in one query (get_parent().specific takes two)."""
        if not self.path or self.depth is None or self.depth < 2:
            return None
        return ConsultationPage.objects.filter(path=self.path[: -self.steplen]).first()

    @cached_property
    def contribution_counts(self):
        return listing.count_contributions(self.consultation)

    @property
    def decision_counts(self):
        return self.contribution_counts.decision_rows()

    @property
    def is_partial(self):
        """Published before every contribution had its decision (ticked, or found so from the records)."""
        return self.published_as_partial or self.contribution_counts.is_partial

    @property
    def participants_total(self):
        return _sum(self.participants_online, self.participants_in_person)

    def contribution_figures(self, counts):
        """Where a figure typed in the report (or counted by the participation platform) differs from the records,
        what each one counts: [{"label", "typed", "records"}]."""
        notes = []
        typed = [
            (self.contributions_online, Contribution.ONLINE, _("contributions online typed in the report")),
            (self.contributions_in_person, Contribution.IN_PERSON, _("contributions in person typed in the report")),
        ]
        for value, channel, label in typed:
            if value is not None and value != counts.by_channel.get(channel, 0):
                notes.append({"label": label, "typed": value, "records": counts.by_channel.get(channel, 0)})
        participation = extensions.first_answer(extensions.ONLINE_PARTICIPATION, self.consultation)
        platform = getattr(participation, "proposals", None)
        if platform is not None and platform != counts.by_channel.get(Contribution.ONLINE, 0):
            notes.append(
                {
                    "label": _("proposals counted by the participation platform"),
                    "typed": platform,
                    "records": counts.by_channel.get(Contribution.ONLINE, 0),
                }
            )
        return notes


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
