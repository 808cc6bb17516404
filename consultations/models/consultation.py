"""ConsultationPage, its phases and its events: what is asked, what it will change, and how to take part."""

import datetime

from django.db import models
from django.db.models import F
from django.forms import CheckboxSelectMultiple
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from charter_pages.models import Commitment
from consultations import draws, extensions
from consultations import status as statuses
from consultations.calendar import calendar_response
from consultations.panels import PublicationChecklistPanel
from site_core.blocks import BaseStreamBlock
from site_core.localised_routes import LocalisedRoutesMixin, localised_path
from site_core.models import BasePage
from site_core.translation import distinct_shown

from .draw import RandomDraw
from .mixins import LocalisedRoutableMixin
from .records import ConsultationEvent
from .taxonomy import ConsultationTag

# The draw's published list, in each language's words (site_core/localised_routes.py): an address people download
# and quote when they check a draw, so it never moves when a translation is reworded.
ROUTES = {
    # An event's page and its calendar file: the addresses a poster's QR code and a calendar entry carry.
    "event": {"fr": "evenements/<int:pk>/", "en": "events/<int:pk>/", "nl": "evenementen/<int:pk>/"},
    "event_calendar": {
        "fr": "evenements/<int:pk>.ics/",
        "en": "events/<int:pk>.ics/",
        "nl": "evenementen/<int:pk>.ics/",
    },
    "draw_entries": {
        "fr": "tirage/<int:pk>/entrees.txt/",
        "en": "draw/<int:pk>/entries.txt/",
        "nl": "loting/<int:pk>/lijst.txt/",
    },
    # A stratified draw's seats per stratum, published with its list.
    "draw_quotas": {
        "fr": "tirage/<int:pk>/quotas.txt/",
        "en": "draw/<int:pk>/quotas.txt/",
        "nl": "loting/<int:pk>/quota.txt/",
    },
}


class ConsultationPageForm(WagtailAdminPageForm):
    """Offers only the territories and charter commitments of the page's own language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if locale_id:
            for name in ("territories", "commitments"):
                if name in self.fields:
                    queryset = self.fields[name].queryset.filter(locale_id=locale_id)
                    self.fields[name].queryset = queryset.order_by("number" if name == "commitments" else "name")


class ConsultationPage(LocalisedRoutableMixin, LocalisedRoutesMixin, RoutablePageMixin, BasePage):
    localised_routes = ROUTES

    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("In two or three sentences: the project, what the public is asked and until when."),
    )
    question = models.TextField(
        _("question put to the public"),
        max_length=600,
        help_text=_("The question, as the public will read it, for example “Where should pavements be widened?”."),
    )
    decision_maker = models.CharField(
        _("decision-maker"),
        max_length=200,
        help_text=_("Who takes the final decision, for example “the metropolitan council”."),
    )
    service_in_charge = models.CharField(
        _("service in charge"),
        max_length=200,
        help_text=_("The department that runs the consultation and answers questions."),
    )
    themes = ClusterTaggableManager(
        through=ConsultationTag,
        blank=True,
        verbose_name=_("themes"),
        help_text=_("A few themes in lower case (“mobility”, “walking”…): they are used as filters."),
    )
    territories = ParentalManyToManyField(
        "consultations.Territory",
        blank=True,
        related_name="consultations",
        verbose_name=_("territories"),
        help_text=_("The municipalities or areas concerned. None: the whole Métropole."),
    )
    impact_decision = models.TextField(
        _("what will be decided, and by whom"),
        help_text=_(
            "Required to publish. The decision that will be taken at the end of the consultation, by whom and in which "
            "body."
        ),
    )
    impact_open = models.TextField(
        _("what is open to discussion"),
        help_text=_("Required to publish. What contributions can really influence."),
    )
    impact_closed = models.TextField(
        _("what is not open to discussion"),
        help_text=_(
            "Required to publish. What is already decided or beyond the Métropole's powers, and why: saying so avoids "
            "disappointment."
        ),
    )
    impact_use = models.TextField(
        _("how contributions will be used"),
        help_text=_("Required to publish. Who reads the contributions, how they are analysed and reported back."),
    )
    answer_due_date = models.DateField(
        _("answer promised by"),
        null=True,
        help_text=_(
            "Required to publish. The date by which the Métropole commits to publish its answer (the report). After "
            "that date without a published report, the consultation is shown as “late”."
        ),
    )
    announced_on = models.DateField(
        _("announced on"),
        null=True,
        blank=True,
        help_text=_(
            "The day the consultation was announced to the public (on this site, in the town halls, in the press), "
            "before it opened. The charter promises an announcement ahead of the opening: this date and the first "
            "phase's start are shown side by side, and the gap is measured. Leave empty only if it was not announced."
        ),
    )
    easy_read_summary = models.TextField(
        _("easy-to-read summary"),
        blank=True,
        help_text=_(
            "Optional: the consultation told in easy-to-read words: short sentences, one idea per sentence, one "
            "sentence per line. Shown at the top of the page for those who need it."
        ),
    )
    decidim_url = models.URLField(
        _("online participation link"),
        help_text=_("Required to publish. The address of the process on the Decidim participation platform."),
    )
    online_instructions = models.TextField(
        _("how to take part online"),
        blank=True,
        help_text=_("Optional: what people can do on the platform (propose, comment, vote…) and until when."),
    )
    commitments = ParentalManyToManyField(
        "charter_pages.Commitment",
        related_name="consultation_pages",
        blank=True,
        verbose_name=_("charter commitments applied"),
        help_text=_("The charter commitments this consultation puts into practice."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("more details"),
        blank=True,
        use_json_field=True,
        help_text=_("Optional: project documents, maps, frequently asked questions."),
    )

    content_panels = [
        PublicationChecklistPanel(heading=_("Before publishing")),
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("easy_read_summary"),
        MultiFieldPanel(
            [FieldPanel("question"), FieldPanel("decision_maker"), FieldPanel("service_in_charge")],
            heading=_("The question and who answers it"),
        ),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("territories", widget=CheckboxSelectMultiple)],
            heading=_("Themes and territories"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("impact_decision"),
                FieldPanel("impact_open"),
                FieldPanel("impact_closed"),
                FieldPanel("impact_use"),
                FieldPanel("announced_on"),
                FieldPanel("answer_due_date"),
            ],
            heading=_("Announced impact"),
        ),
        InlinePanel("phases", label=_("Phases"), min_num=1),
        MultiFieldPanel(
            [FieldPanel("decidim_url"), FieldPanel("online_instructions")], heading=_("Taking part online")
        ),
        InlinePanel("events", label=_("Events (taking part in person)")),
        FieldPanel("commitments", widget=CheckboxSelectMultiple),
        FieldPanel("body"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("question"),
        index.SearchField("impact_open"),
        index.FilterField("answer_due_date"),
        # The page is found by its events and draws too; they are also results of their own (consultations/search.py).
        index.RelatedFields(
            "events", [index.SearchField("title"), index.SearchField("description"), index.SearchField("place_name")]
        ),
        index.RelatedFields("random_draws", [index.SearchField("title")]),
    ]
    search_result_kind = pgettext_lazy("search result", "Consultation")

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = ["consultations.ConsultationReportPage"]
    base_form_class = ConsultationPageForm

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = self.ordered_events
        today = timezone.localdate()
        context.update(
            status=self.status,
            phase_rows=[
                {
                    "phase": phase,
                    "state": "current"
                    if phase == self.current_phase
                    else ("done" if phase.end_date and phase.end_date < today else "upcoming"),
                }
                for phase in self.ordered_phases
            ],
            current_phase=self.current_phase,
            upcoming_events=[event for event in events if not event.is_past(now)],
            past_events=[event for event in events if event.is_past(now)],
            report=self.published_report,
            timeliness=self.timeliness,
            report_contributions_url=self.published_report.contributions_url(request) if self.published_report else "",
            applied_commitments=[
                {"commitment": shown.record, "lang": shown.lang, "url": shown.record.get_url(request)}
                for shown in self.applied_commitments
            ],
            random_draws=self.shown_draws(request, self.random_draw_records),
            **replay_scripts(self.random_draw_records),
            platform_link=self.platform_link,
            extra_sections=extensions.all_answers(extensions.CONSULTATION_SECTIONS, self),
            data_links=extensions.all_answers(extensions.DATA_LINKS, self, False),
        )
        return context

    # Data, built once per request (the index sets the same attributes from its own prefetches).

    @cached_property
    def platform_link(self):
        """Where to take part online, named after the Decidim process when a 0.30 import recorded its title: the
        editor's address first (it may point at one component), else the process's. None when there is neither."""
        participation = extensions.first_answer(extensions.ONLINE_PARTICIPATION, self)
        url = self.decidim_url or (participation.process_url if participation else "")
        if not url:
            return None
        named = participation and participation.process_title
        return {
            "url": url,
            "title": participation.process_title if named else "",
            "language": participation.process_title_language if named else "",
        }

    @cached_property
    def ordered_phases(self):
        return sorted(
            self.phases.all(), key=lambda phase: (phase.start_date or datetime.date.max, phase.sort_order or 0)
        )

    @cached_property
    def ordered_events(self):
        far = timezone.make_aware(datetime.datetime(9999, 1, 1))
        return sorted(self.events.all(), key=lambda event: (event.start or far, event.sort_order or 0))

    @cached_property
    def next_event(self):
        now = timezone.now()
        return next((event for event in self.ordered_events if not event.is_past(now)), None)

    @cached_property
    def published_report(self):
        if not self.pk:
            return None
        return statuses.published_reports().child_of(self).first()

    @cached_property
    def status(self):
        annotated = getattr(self, "status_code", None)  # set by the index from its listing (status.annotate_status)
        if annotated is not None:
            return statuses.Status(annotated)
        return statuses.derive_status(
            self.ordered_phases, self.answer_due_date, self.published_report is not None, timezone.localdate()
        )

    @cached_property
    def timeliness(self):
        """Whether the report came (or is coming) by the promised date: status.report_timeliness, from the index's
        annotation when the page comes from its listing, else from the published report."""
        if hasattr(self, "report_published_on"):  # set by status.annotate_status
            published_on = self.report_published_on
        else:
            report = self.published_report
            published_on = statuses.publication_day(report.first_published_at) if report else None
        return statuses.report_timeliness(self.answer_due_date, published_on, timezone.localdate())

    @cached_property
    def current_phase(self):
        return statuses.current_phase(self.ordered_phases, timezone.localdate())

    @cached_property
    def launch_date(self):
        dates = [phase.start_date for phase in self.ordered_phases if phase.start_date]
        return min(dates) if dates else None

    @cached_property
    def participation_phases(self):
        """The phases open to the public (all phases when none is marked so: the rule of derive_status)."""
        marked = [phase for phase in self.ordered_phases if phase.is_participation]
        return marked or self.ordered_phases

    @cached_property
    def participation_start_date(self):
        dates = [phase.start_date for phase in self.participation_phases if phase.start_date]
        return min(dates) if dates else None

    @cached_property
    def participation_end_date(self):
        """The end of the last phase open to the public (an analysis phase after it is not participation)."""
        dates = [phase.end_date for phase in self.participation_phases if phase.end_date]
        return max(dates) if dates else None

    @property
    def announced_days_ahead(self):
        """Days from the announcement to the opening (the first phase's start), or None when either is unknown."""
        if self.announced_on is None or self.launch_date is None:
            return None
        return (self.launch_date - self.announced_on).days

    @cached_property
    def theme_tags(self):
        prefetched = "tagged_items" in getattr(self, "_prefetched_objects_cache", {})
        items = self.tagged_items.all() if prefetched else self.tagged_items.select_related("tag")
        return sorted((item.tag for item in items), key=lambda tag: tag.name)

    @cached_property
    def territory_list(self):
        """[Shown] territories, by name: wagtail-localize copies many-to-many values unchanged into translations,
        so a translated page may point at the source language's records, each shown in this page's language when
        translated, else marked with its own."""
        territories = distinct_shown(list(self.territories.all()), self.locale_id)
        return sorted(territories, key=lambda shown: shown.record.name)

    @cached_property
    def applied_commitments(self):
        """[Shown] commitments applied, in this page's language when the charter is translated, by number."""
        related = Commitment.objects.select_related("chapter__page")
        applied = list(self.commitments.select_related("chapter__page"))
        chosen = distinct_shown(applied, self.locale_id, queryset=related)
        return sorted(chosen, key=lambda shown: shown.record.number)

    @cached_property
    def random_draw_records(self):
        """The draws of this consultation in every language (a draw is made once, on one translation), the list
        published first first."""
        if not self.pk:
            return []
        draws = RandomDraw.objects.filter(consultation__translation_key=self.translation_key)
        records = list(
            draws.select_related("consultation__locale").order_by(
                F("list_published_at").asc(nulls_first=True), "performed_at", "pk"
            )
        )
        for record in records:
            # Written once, in its consultation's language: marked as such on the other translations' pages.
            record.language = record.consultation.locale.language_code
        return records

    def shown_draws(self, request, records):
        """The draws as the page shows them: each with the address of its published list in this page's words."""
        for record in records:
            record.other_language = record.language if record.language != self.language_code else ""
            record.entries_url = self.url_for_route(request, "draw_entries", record.pk) if record.is_replayable else ""
            record.entries_filename = record.entries_url.rsplit("/", 1)[-1]
            stratified = record.is_replayable and record.is_stratified
            record.quotas_url = self.url_for_route(request, "draw_quotas", record.pk) if stratified else ""
            record.quotas_filename = record.quotas_url.rsplit("/", 1)[-1]
        return records

    def draws_of_event(self, event):
        """The draws a random-draw session holds: those drawn on its day and, before it ends, those whose list is
        published and that wait for its seed."""
        if event.kind != ConsultationEvent.RANDOM_DRAW or event.start is None:
            return []
        day = timezone.localdate(event.start)
        return [
            record
            for record in self.random_draw_records
            if (record.is_drawn and timezone.localdate(record.performed_at) == day)
            or (not record.is_drawn and not event.is_past(timezone.now()))
        ]

    def publication_checklist(self):
        """What the page still lacks: items marked required block publication, the others are advice."""
        items = [
            (_("A summary"), bool(self.summary.strip()), True),
            (_("The question put to the public"), bool(self.question.strip()), True),
            (_("The decision-maker"), bool(self.decision_maker.strip()), True),
            (_("The service in charge"), bool(self.service_in_charge.strip()), True),
            (_("Announced impact: what will be decided, and by whom"), bool(self.impact_decision.strip()), True),
            (_("Announced impact: what is open to discussion"), bool(self.impact_open.strip()), True),
            (_("Announced impact: what is not open to discussion"), bool(self.impact_closed.strip()), True),
            (_("Announced impact: how contributions will be used"), bool(self.impact_use.strip()), True),
            (_("The date by which the answer is promised"), self.answer_due_date is not None, True),
            (_("At least one phase with its dates"), bool(self.ordered_phases), True),
            (_("The online participation link (Decidim)"), bool(self.decidim_url.strip()), True),
            (_("At least one event to take part in person"), bool(self.ordered_events), False),
            (_("At least one theme"), bool(list(self.themes.all())), False),
            (_("The charter commitments it applies"), bool(list(self.commitments.all())), False),
        ]
        return [{"label": label, "done": done, "required": required} for label, done, required in items]

    def get_event(self, pk):
        for event in self.ordered_events:
            if event.pk == pk:
                return event
        raise Http404

    @localised_path(ROUTES, "event")
    def event_view(self, request, pk):
        redirect = self.came_by_other_words(request, "event", pk)
        if redirect is not None:
            return redirect
        event = self.get_event(pk)
        # The event's own page needs the consultation's status and draws, not the rest of its page's context.
        context = super().get_context(request)
        event_draws = self.shown_draws(request, self.draws_of_event(event))
        context.update(
            event=event,
            event_is_past=event.is_past(timezone.now()),
            status=self.status,
            random_draws=self.random_draw_records,
            event_draws=event_draws,
            **replay_scripts(event_draws),
        )
        return TemplateResponse(request, "consultations/consultation_event.html", context)

    @localised_path(ROUTES, "event_calendar")
    def event_calendar_view(self, request, pk):
        redirect = self.came_by_other_words(request, "event_calendar", pk)
        if redirect is not None:
            return redirect
        event = self.get_event(pk)
        event.page = self
        return calendar_response(request, [event], name=event.title, filename=f"evenement-{event.pk}.ics")

    @localised_path(ROUTES, "draw_entries")
    def draw_entries_view(self, request, pk):
        """The list a draw was made from, exactly as fingerprinted: `sha256sum` on this file prints the published
        fingerprint, and docs/draw-replay.md's script replays the draw from it."""
        return self.draw_file(request, "draw_entries", pk, lambda record: record.entries_file)

    @localised_path(ROUTES, "draw_quotas")
    def draw_quotas_view(self, request, pk):
        """A stratified draw's seats per stratum, exactly as fingerprinted with its list."""
        return self.draw_file(request, "draw_quotas", pk, lambda record: record.quotas_file, stratified=True)

    def draw_file(self, request, route, pk, content, stratified=False):
        redirect = self.came_by_other_words(request, route, pk)
        if redirect is not None:
            return redirect
        record = next((row for row in self.random_draw_records if row.pk == pk and row.is_replayable), None)
        if record is None or (stratified and not record.is_stratified):
            raise Http404
        response = HttpResponse(content(record), content_type="text/plain; charset=utf-8")
        filename = self.route_path(route, pk, language=self.language_code).rstrip("/").rsplit("/", 1)[-1]
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response


def replay_scripts(records):
    """The reference scripts the draws shown need (each page quotes the one its draws use)."""
    replayable = [record for record in records if record.is_replayable]
    return {
        "draw_replay_script": draws.replay_script() if any(not r.is_stratified for r in replayable) else "",
        "panel_replay_script": draws.replay_panel_script() if any(r.is_stratified for r in replayable) else "",
    }
