"""The records the indicators are computed from (phases, events, reports, contribution records and their decisions,
label awards, online participation), never typed twice: `load_records` reads every consultation of one language in a
few grouped queries."""

import datetime
from dataclasses import dataclass, field, fields

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    UUIDField,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property

from consultations import status as statuses
from consultations.decidim.models import OnlineParticipation
from consultations.label.models import LabelAward
from consultations.models import ConsultationEvent, ConsultationPage, ConsultationTag
from consultations.models.contribution import Contribution
from site_core.site_data import public_pages


@dataclass
class Tag:
    slug: str
    name: str
    lang: str = ""  # a territory's: its language code when it is not the dashboard's (site_core.translation)
    # While records are built: which territory version this is, for site_core.translation (never kept)
    translation_key: object = None
    locale_id: int | None = None


PAGE_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "locale_id", "translation_key")


@dataclass
class ConsultationRecord:
    page_fields: dict  # PAGE_FIELDS of the consultation page, in the language shown
    launch_date: datetime.date | None
    status: statuses.Status
    answer_due_date: datetime.date | None
    report_published_on: datetime.date | None
    participants_online: int
    participants_in_person: int
    contributions: int  # the contribution records when there are any, else the typed or imported figures
    answered: int  # records with a final decision (Contribution.FINAL_DECISIONS)
    kept_or_adapted: int  # records kept or adapted (Contribution.INFLUENTIAL_DECISIONS)
    events_held: int
    events_held_in_person: int
    labels: int
    announced_on: datetime.date | None = None
    first_published_on: datetime.date | None = None  # the consultation page's first publication
    impact_filled: bool = False  # the four parts of the announced impact are written
    easy_read: bool = False  # an easy-to-read summary is given
    events: int = 0  # every event announced, held or not
    events_in_person: int = 0  # of them, in person or hybrid
    events_in_person_with_access: int = 0  # of those, with accessibility information
    report_partial: bool = False  # published before every contribution had its decision
    today: datetime.date = field(default_factory=timezone.localdate)
    theme_tags: list = field(default_factory=list)
    territory_list: list = field(default_factory=list)
    commitment_keys: list = field(default_factory=list)
    lang: str = ""  # the title's language code when it is not the dashboard's (see site_core.translation)

    @cached_property
    def page(self):
        """A page instance for links, built only for the records a page shows (thousands of Wagtail page
        instances cost more than computing every indicator)."""
        return ConsultationPage(**self.page_fields)

    @property
    def title(self):
        return self.page_fields["title"]

    def show_in(self, shown):
        """Show this record under the title and address of the version a reader sees (a site_core.translation.Shown
        of PAGE_FIELDS), marked with its language when it is not the reader's."""
        self.page_fields, self.lang = shown.record, shown.lang
        self.__dict__.pop("page", None)

    @cached_property
    def theme_slugs(self):
        return {tag.slug for tag in self.theme_tags}

    @cached_property
    def territory_slugs(self):
        return {tag.slug for tag in self.territory_list}

    @property
    def year(self):
        return self.launch_date.year if self.launch_date else None

    @cached_property
    def timeliness(self):
        """Whether the report came by the promised date (status.report_timeliness: the site's one definition)."""
        return statuses.report_timeliness(self.answer_due_date, self.report_published_on, self.today)

    @property
    def key(self):
        return str(self.page_fields["translation_key"])

    def to_plain(self):
        """This record as plain values, to keep in the cache (site_data.remember); `from_plain` reads it back."""
        values = {item.name: getattr(self, item.name) for item in fields(self)}
        values["status"] = self.status.code
        values["theme_tags"] = [(tag.slug, tag.name) for tag in self.theme_tags]
        values["territory_list"] = [(tag.slug, tag.name, tag.lang) for tag in self.territory_list]
        values["page_fields"] = dict(self.page_fields)
        values["commitment_keys"] = list(self.commitment_keys)
        return values

    @classmethod
    def from_plain(cls, values):
        return cls(
            **{
                **values,
                "status": statuses.Status(values["status"]),
                "theme_tags": [Tag(slug, name) for slug, name in values["theme_tags"]],
                "territory_list": [Tag(slug, name, lang) for slug, name, lang in values["territory_list"]],
            }
        )

    @cached_property
    def delay_days(self):
        if self.report_published_on and self.launch_date:
            return (self.report_published_on - self.launch_date).days
        return None


def load_records(locale=None, commitment_keys=None, consultation_key=None):
    """Every live, public consultation, once (in `locale`, the site's language by default, where it exists),
    with its figures, in five queries whatever their number: the pages with their status, then one grouped query
    per kind of record (events, reports, contribution records by decision, and themes, territories and commitments
    together), joined here by key. Correlated subqueries per consultation cost a quarter of a second at 2,000
    consultations; model instances and prefetching cost more than all the queries."""
    now = timezone.now()
    today = timezone.localdate()
    primary = Q(locale__language_code=locale.language_code if locale else settings.LANGUAGE_CODE)
    published = public_pages(ConsultationPage.objects.live())
    # Each consultation once: its version in the primary language, or else its version in the first language
    # it was published in (one written in English only still counts).
    other_version = published.filter(translation_key=OuterRef("translation_key")).exclude(pk=OuterRef("pk"))
    selected = published.filter(
        primary | ~Exists(other_version.filter(primary | Q(locale_id__lt=OuterRef("locale_id"))))
    )
    if commitment_keys is not None:
        selected = selected.filter(commitments__translation_key__in=commitment_keys).distinct()
    if consultation_key is not None:
        selected = selected.filter(translation_key=consultation_key)
    ids = selected.values("pk")
    online = OnlineParticipation.objects.filter(consultation=OuterRef("pk"))
    # Active awards, each counted once: an award has one row per language (same translation key), and its rows may
    # point at the consultation in any of its languages (matched by translation key).
    labels = (
        LabelAward.objects.filter(consultation__translation_key=OuterRef("translation_key"), status=LabelAward.ACTIVE)
        .order_by()
        .values("consultation__translation_key")
        .annotate(value=Count("translation_key", distinct=True))
        .values("value")
    )
    rows = (
        statuses.annotate_status(selected, today)
        .annotate(
            online_proposals=Subquery(online.values("proposals")[:1]),
            online_comments=Subquery(online.values("comments")[:1]),
            label_count=Coalesce(Subquery(labels[:1], output_field=IntegerField()), Value(0)),
            impact_filled=ExpressionWrapper(
                ~Q(impact_decision="") & ~Q(impact_open="") & ~Q(impact_closed="") & ~Q(impact_use=""),
                output_field=BooleanField(),
            ),
            easy_read=ExpressionWrapper(~Q(easy_read_summary=""), output_field=BooleanField()),
        )
        .values(
            *PAGE_FIELDS,
            "answer_due_date",
            "announced_on",
            "first_published_at",
            "impact_filled",
            "easy_read",
            "launch_on",
            "status_code",
            "online_proposals",
            "online_comments",
            "label_count",
        )
    )
    in_person = Q(format__in=[ConsultationEvent.IN_PERSON, ConsultationEvent.HYBRID])
    access_told = (
        Q(step_free_access=True) | Q(hearing_loop=True) | Q(sign_language=True) | ~Q(public_transport="")
    ) | ~Q(access_notes="")
    events = {
        row.pop("page"): row
        for row in ConsultationEvent.objects.filter(page__in=ids)
        .order_by()
        .values("page")
        .annotate(
            held=Count("pk", filter=Q(end__lt=now)),
            held_in_person=Count("pk", filter=Q(end__lt=now) & in_person),
            attendees=Coalesce(Sum("attendees", filter=in_person), 0),
            contributions=Coalesce(Sum("contributions_count"), 0),
            announced=Count("pk"),
            announced_in_person=Count("pk", filter=in_person),
            in_person_with_access=Count("pk", filter=in_person & access_told),
        )
    }
    # A report's parent is the consultation whose path is its own minus the last step (4 characters).
    reports = {
        row.pop("path")[:-4]: row
        for row in statuses.published_reports().values(
            "path",
            "first_published_at",
            "participants_online",
            "participants_in_person",
            "contributions_online",
            "contributions_in_person",
            "published_as_partial",
        )
    }
    # Contribution records belong to the consultation in its original language: matched by translation key.
    contributions = {
        row.pop("consultation__translation_key"): row
        for row in Contribution.objects.filter(consultation__translation_key__in=selected.values("translation_key"))
        .order_by()
        .values("consultation__translation_key")
        .annotate(
            total=Count("pk"),
            answered=Count("pk", filter=Q(decision__in=Contribution.FINAL_DECISIONS)),
            kept_or_adapted=Count("pk", filter=Q(decision__in=Contribution.INFLUENTIAL_DECISIONS)),
            without_decision=Count("pk", filter=Q(decision="")),
        )
    }
    themes, territories, commitments = _tags_of(ids)
    return [
        build_record(
            row,
            today,
            events.get(row["id"], NO_EVENTS),
            reports.get(row["path"]),
            contributions.get(row["translation_key"], NO_CONTRIBUTIONS),
            theme_tags=sorted((Tag(slug, name) for slug, name in themes.get(row["id"], ())), key=lambda tag: tag.name),
            territory_list=[
                Tag(slug, name, translation_key=key, locale_id=locale_id)
                for slug, name, key, locale_id in territories.get(row["id"], ())
            ],
            commitment_keys=[str(key) for (key,) in commitments.get(row["id"], ())],
        )
        for row in rows
    ]


NO_EVENTS = {
    "held": 0,
    "held_in_person": 0,
    "attendees": 0,
    "contributions": 0,
    "announced": 0,
    "announced_in_person": 0,
    "in_person_with_access": 0,
}


NO_CONTRIBUTIONS = {"total": 0, "answered": 0, "kept_or_adapted": 0, "without_decision": 0}


def _tags_of(ids):
    """({page id: [(slug, name)]} of themes, {page id: [(slug, name, translation key, locale id)]} of territories,
    {page id: [(translation key,)]} of commitments) for the consultations `ids`: one query (UNION ALL of the three
    relations, each row tagged with its kind) where three would each pay a round trip."""
    no_key, no_locale = Value(None, output_field=UUIDField()), Value(None, output_field=IntegerField())
    columns = ("kind", "page", "slug", "name", "key", "locale")
    themes = ConsultationTag.objects.filter(content_object__in=ids).annotate(
        kind=Value("theme"),
        page=F("content_object"),
        slug=F("tag__slug"),
        name=F("tag__name"),
        key=no_key,
        locale=no_locale,
    )
    territories = ConsultationPage.territories.through.objects.filter(consultationpage__in=ids).annotate(
        kind=Value("territory"),
        page=F("consultationpage"),
        slug=F("territory__slug"),
        name=F("territory__name"),
        key=F("territory__translation_key"),
        locale=F("territory__locale_id"),
    )
    commitments = ConsultationPage.commitments.through.objects.filter(consultationpage__in=ids).annotate(
        kind=Value("commitment"),
        page=F("consultationpage"),
        slug=Value(""),
        name=Value(""),
        key=F("commitment__translation_key"),
        locale=no_locale,
    )
    grouped = {"theme": {}, "territory": {}, "commitment": {}}
    for kind, page, slug, name, key, locale in themes.values_list(*columns).union(
        territories.values_list(*columns), commitments.values_list(*columns), all=True
    ):
        row = {"theme": (slug, name), "territory": (slug, name, key, locale), "commitment": (key,)}[kind]
        grouped[kind].setdefault(page, []).append(row)
    return grouped["theme"], grouped["territory"], grouped["commitment"]


def build_record(row, today, events, report, records=NO_CONTRIBUTIONS, **lists):
    """A record from one page row of load_records, its events' figures, its report's (None without one) and its
    contribution records' counts. Where records exist they are the contributions counted: the figures typed in
    the report or imported may count comments and supports that no record answers."""
    published = statuses.publication_day(report["first_published_at"]) if report else None
    if report:
        participants_online = report["participants_online"] or 0
        participants_in_person = report["participants_in_person"] or 0
        contributions = (report["contributions_online"] or 0) + (report["contributions_in_person"] or 0)
    else:
        participants_online = 0
        participants_in_person = events["attendees"]
        contributions = events["contributions"] + (row["online_proposals"] or 0) + (row["online_comments"] or 0)
    return ConsultationRecord(
        page_fields={name: row[name] for name in PAGE_FIELDS},
        launch_date=row["launch_on"],
        status=statuses.Status(row["status_code"]),
        answer_due_date=row["answer_due_date"],
        report_published_on=published,
        participants_online=participants_online,
        participants_in_person=participants_in_person,
        contributions=records["total"] or contributions,
        answered=records["answered"],
        kept_or_adapted=records["kept_or_adapted"],
        report_partial=bool(report and (report["published_as_partial"] or records["without_decision"])),
        events_held=events["held"],
        events_held_in_person=events["held_in_person"],
        labels=row["label_count"],
        announced_on=row["announced_on"],
        first_published_on=statuses.publication_day(row["first_published_at"]),
        impact_filled=row["impact_filled"],
        easy_read=row["easy_read"],
        events=events["announced"],
        events_in_person=events["announced_in_person"],
        events_in_person_with_access=events["in_person_with_access"],
        today=today,
        **lists,
    )
