"""Demo consultations of the fictional Métropole du Val de Marque: every status (one overdue), events with minutes, a
random draw, a full standard report answering its 1,445 contributions, the closed cycling network translated into
English and the open walking plan into Dutch. The texts are in demo/consultations.yaml (the contributions in
demo/contributions.yaml); dates there are offsets from today so the statuses stay meaningful; running the builder
twice leaves the same tree."""

from charter_pages.models import Commitment
from consultations import draws
from consultations.demo_contributions import CORE_DATA as CONTRIBUTIONS_DATA
from consultations.demo_contributions import build_contributions
from consultations.models import (
    ConsultationEvent,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationPhase,
    ConsultationReportPage,
    RandomDraw,
    ReportNextStep,
    Territory,
)
from site_core import demo
from site_core.models import HomePage

DATA = demo.data_file(__file__, "consultations.yaml")

# What an event holds when the data says nothing of it (the data lists only what each event has).
EVENT_DEFAULTS = {
    "description": "",
    "place_name": "",
    "address": "",
    "step_free_access": False,
    "hearing_loop": False,
    "sign_language": False,
    "public_transport": "",
    "access_notes": "",
    "online_url": "",
    "registration_url": "",
    "capacity": None,
    "attendees": None,
    "contributions_count": None,
    "minutes_summary": "",
}


@demo.register(order=20)
def build_consultations(stdout):
    data = demo.load_data(DATA)
    contributions = demo.load_data(CONTRIBUTIONS_DATA)
    fr = demo.locale("fr")
    home = HomePage.objects.get(locale=fr, depth=2)
    territories = build_territories(fr, data["territories"])
    index = demo.upsert_page_from_data(home, ConsultationIndexPage, data["index"])
    pages = {}
    for spec in data["consultations"]:
        fields = {**page_fields(spec["fields"]), "announced_on": announcement_day(spec)}
        page = demo.upsert_child_page(index, ConsultationPage, spec["slug"], **fields)
        changed = sync_children(page, "phases", ConsultationPhase, [phase(row) for row in spec["phases"]])
        changed |= sync_children(page, "events", ConsultationEvent, [event(row) for row in spec["events"]])
        changed |= sync_themes(page, spec["themes"])
        changed |= sync_m2m(page, "territories", [territories[(slug, "fr")] for slug in spec["territories"]])
        changed |= sync_m2m(page, "commitments", commitments_by_number(fr, spec["commitments"]))
        if changed:
            page.save_revision().publish()
        page = ConsultationPage.objects.get(pk=page.pk)
        pages[spec["slug"]] = page
        if "draw" in spec:
            build_draw(page, spec["draw"])
        if "report" in spec:
            report = build_report(page, spec["report"])
            records = contributions[spec["slug"]]
            answered_on = demo.day(records["answered_in_days"])
            build_contributions(page, report, records, contributions["phrasing"], answered_on)
    translated = {code: [spec for spec in data["consultations"] if code in spec] for code in demo.TRANSLATIONS}
    for code, specs in translated.items():
        for spec in specs:
            translate_consultation(pages[spec["slug"]], spec, code, territories)
    for page in pages.values():
        # Put online on the day it was announced (the label's builder dates the reports of the story).
        demo.set_publication_dates(page, page.announced_on)
    stdout.write(
        f"Consultations: {len(pages)} in French, {len(translated['en'])} translated into English, "
        f"{len(translated['nl'])} into Dutch."
    )


def page_fields(fields):
    """A page's fields from the data: `<name>_in_days` offsets become the `<name>_date` dates."""
    values = {}
    for name, value in fields.items():
        if name.endswith("_in_days"):
            values[name.removesuffix("_in_days") + "_date"] = demo.day(value)
        else:
            values[name] = value
    return values


def announcement_day(spec):
    """The day a consultation was announced: `announced_days_before_opening` before its first phase starts."""
    opening = min(row["start"] for row in spec["phases"])
    return demo.day(opening - spec["announced_days_before_opening"])


def phase(row):
    """A phase row from the data: `start` and `end` are offsets in days from today."""
    return {
        "title": row["title"],
        "start_date": demo.day(row["start"]),
        "end_date": demo.day(row["end"]),
        "description": row.get("description", ""),
        "is_participation": row.get("participation", True),
    }


def event(row):
    """An event row from the data: on the day `day` days from today, from `start` to `end` ("HH:MM")."""
    values = {
        "title": row["title"],
        "kind": row["kind"],
        "format": row["format"],
        "start": demo.moment(row["day"], row["start"]),
        "end": demo.moment(row["day"], row["end"]),
    }
    reserved = {"title", "kind", "format", "day", "start", "end"}
    values.update(EVENT_DEFAULTS)
    values.update({name: value for name, value in row.items() if name not in reserved})
    return values


def build_territories(fr, rows):
    """{(slug, language code): territory}: the French territories and the translations the data gives them."""
    territories = {}
    for row in rows:
        slug, kind = row["slug"], row["kind"]
        territory, _created = Territory.objects.update_or_create(
            slug=slug, locale=fr, defaults={"name": row["name"], "kind": kind}
        )
        territories[(slug, "fr")] = territory
        for code in demo.TRANSLATIONS:
            if code not in row:
                continue
            target = demo.locale(code)
            translated = territory.get_translation_or_none(target)
            if translated is None:
                translated = territory.copy_for_translation(target)
            translated.name, translated.slug, translated.kind = row[code]["name"], slug, kind
            translated.save()
            territories[(slug, code)] = translated
    return territories


def commitments_by_number(locale, numbers):
    """The charter's commitments with these numbers in `locale`, when the charter's demo content exists."""
    return list(Commitment.objects.filter(locale=locale, number__in=numbers, chapter__page__live=True))


def child_values(obj, keys):
    return {key: getattr(obj, key) for key in keys}


def sync_children(page, relation, model, rows):
    """Replace the child records of `page` when they differ from `rows` (compared field by field)."""
    keys = list(rows[0]) if rows else []
    current = [child_values(child, keys) for child in getattr(page, relation).all().order_by("sort_order")]
    if current == rows:
        return False
    setattr(
        page,
        relation,
        [model(locale=page.locale, sort_order=position, **row) for position, row in enumerate(rows)],
    )
    return True


def sync_themes(page, names):
    if sorted(tag.name for tag in page.themes.all()) == sorted(names):
        return False
    page.themes.set(names)
    return True


def sync_m2m(page, relation, objects):
    manager = getattr(page, relation)
    if {obj.pk for obj in manager.all()} == {obj.pk for obj in objects}:
        return False
    manager.set(objects)
    return True


def build_draw(page, spec):
    """The walking plan's draw, commit then reveal: its list published a week before the session, its seed read
    from dice at the session. A draw seeded before that method (its record is marked former) is made again."""
    entries = draws.normalise_items(spec["items"])
    existing = RandomDraw.objects.filter(consultation=page, title=spec["title"]).first()
    if existing is not None:
        if existing.is_replayable and existing.population == entries and existing.seed == spec["seed"]:
            return
        existing.delete()
    published, performed = spec["list_published_on"], spec["performed_on"]
    record = RandomDraw.publish_list(
        page,
        title=spec["title"],
        method=spec["method"],
        items=entries,
        count=spec["count"],
        seed_source=spec["seed_source"],
        published_at=demo.moment(published["day"], published["time"]),
    )
    record.perform(
        spec["seed"],
        performed_by=spec["performed_by"],
        performed_at=demo.moment(performed["day"], performed["time"]),
    )


def build_report(page, spec):
    analysis = analysis_document(spec["analysis"])
    link = spec["platform_link"]
    annexes = [
        ("document", {"document": analysis, "title": ""}),
        ("link", {"title": link["title"], "url": link["url"]}),
    ]
    report = demo.upsert_child_page(page, ConsultationReportPage, spec["slug"], annexes=annexes, **spec["fields"])
    next_steps = [
        {"description": row["description"], "due_date": demo.day(row["due_in_days"]), "responsible": row["responsible"]}
        for row in spec["next_steps"]
    ]
    if sync_children(report, "next_steps", ReportNextStep, next_steps):
        report.save_revision().publish()
    return report


def analysis_document(spec):
    """The report's analysis of the contributions, a report of several pages (in French in every language)."""
    return demo.official_document(
        spec["title"],
        spec["document"],
        designation=spec["designation"],
        facts=[tuple(row) for row in spec["facts"]],
        signed_on=demo.day(spec["written_in_days"]),
    )


def translate_children(page, relation, texts, keys):
    """Give the translated copies of child records their translated text (`keys` of each of `texts`), matched by
    position."""
    changed = False
    children = list(getattr(page, relation).all().order_by("sort_order"))
    for child, values in zip(children, texts, strict=False):
        for key in keys:
            value = values[key]
            if getattr(child, key) != value:
                setattr(child, key, value)
                changed = True
    if changed:
        setattr(page, relation, children)
    return changed


# The texts of an event a translation gives (the data may give more: the place's name and how to get there).
EVENT_TEXTS = ["title", "description", "minutes_summary"]
EVENT_PLACE_TEXTS = ["place_name", "public_transport", "access_notes"]


def translate_consultation(source, source_spec, code, territories):
    """The translation of the consultation `source` in the language `code` (its `code:` mapping in the data), with
    its phases, events, themes, territories and commitments, and its report's when it has one."""
    spec = source_spec[code]
    target = demo.locale(code)
    page = demo.upsert_translation(source, code, slug=spec["slug"], announced_on=source.announced_on, **spec["fields"])
    page = ConsultationPage.objects.get(pk=page.pk)
    changed = translate_children(page, "phases", spec["phases"], ["title", "description"])
    place_texts = [key for key in EVENT_PLACE_TEXTS if spec["events"] and key in spec["events"][0]]
    changed |= translate_children(page, "events", spec["events"], EVENT_TEXTS + place_texts)
    changed |= sync_themes(page, spec["themes"])
    # A territory the data does not translate stays the French one (the page marks its name as French).
    shown = [territories.get((t.slug, code), t) for t in source.territories.all()]
    changed |= sync_m2m(page, "territories", shown)
    translated_commitments = [c.get_translation_or_none(target) for c in source.commitments.all()]
    changed |= sync_m2m(page, "commitments", [c for c in translated_commitments if c is not None])
    if changed:
        page.save_revision().publish()
    source_report = ConsultationReportPage.objects.child_of(source).first()
    if source_report is None:
        return
    report_spec, source_report_spec = spec["report"], source_spec["report"]
    analysis = source_report_spec["analysis"]
    annexes = [
        (
            "document",
            {
                "document": analysis_document(analysis),
                "title": report_spec["analysis"]["title"],
            },
        ),
        ("link", {"title": report_spec["platform_link"]["title"], "url": source_report_spec["platform_link"]["url"]}),
    ]
    report = demo.upsert_translation(
        source_report, code, slug=report_spec["slug"], annexes=annexes, **report_spec["fields"]
    )
    report = ConsultationReportPage.objects.get(pk=report.pk)
    if translate_children(report, "next_steps", report_spec["next_steps"], ["description"]):
        report.save_revision().publish()
