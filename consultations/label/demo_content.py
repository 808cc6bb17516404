"""Demo content for the citizen label (runs after the consultations' builder): label levels, three consultations of
earlier years with their reports and the contributions these answer (the documents awarded stem from them; they also
give the dashboard figures for two years), four awards (one withdrawn) and the label page, in French and English.
The texts are in demo/label.yaml and demo/contributions.yaml."""

import copy
import datetime

from django.utils import dateformat, translation

from consultations.demo_content import commitments_by_number, event, phase, sync_children, sync_m2m, sync_themes
from consultations.demo_contributions import build_contributions, phrasing
from consultations.label.badge import badge_alt, badge_svg
from consultations.label.codes import grouped_code
from consultations.label.models import LabelAward, LabelLevel, LabelPage
from consultations.models import (
    ConsultationEvent,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationPhase,
    ConsultationReportPage,
    ReportNextStep,
    Territory,
)
from site_core import demo
from site_core.models import HomePage

DATA = demo.data_file(__file__, "label.yaml")
CONTRIBUTIONS_DATA = demo.data_file(__file__, "contributions.yaml")


@demo.register(order=25)
def build_label(stdout):
    data = demo.load_data(DATA)
    fr, en = demo.locale("fr"), demo.locale("en")
    home = HomePage.objects.get(locale=fr, depth=2)
    levels = build_levels(fr, en, data["levels"])
    index = ConsultationIndexPage.objects.get(locale=fr, slug="concertations")
    contributions, ways = demo.load_data(CONTRIBUTIONS_DATA), phrasing()
    for spec in data["past_consultations"]:
        page, report = build_past_consultation(index, fr, spec, data["past_consultation_texts"])
        build_contributions(page, report, contributions[spec["slug"]], ways, demo.day(spec["report_published_in_days"]))
    # The cycling network's report came out before the promised date (the real record of publication).
    cycling = ConsultationPage.objects.child_of(index).get(slug="reseau-express-velo")
    set_report_date(cycling, cycling.answer_due_date - datetime.timedelta(days=data["cycling_report_days_before_due"]))
    # The label page first: the badge printed in each labelled document leads to its verification page.
    label_page = demo.upsert_page_from_data(home, LabelPage, data["page"])
    for spec in data["awards"]:
        award = build_award(index, fr, levels, spec, data["document_texts"], label_page)
        translate_award(award, en, spec["en"])
    stdout.write(f"Citizen label: {len(levels)} levels, {len(data['awards'])} awards.")


def build_levels(fr, en, specs):
    levels = {}
    for spec in specs:
        level, _created = LabelLevel.objects.update_or_create(
            slug=spec["slug"],
            locale=fr,
            defaults={
                "name": spec["name"],
                "rank": spec["rank"],
                "summary": spec["summary"],
                "criteria": spec["criteria"],
            },
        )
        english = spec["en"]
        translated = level.get_translation_or_none(en) or level.copy_for_translation(en)
        translated.name, translated.rank, translated.summary, translated.criteria = (
            english["name"],
            spec["rank"],
            english["summary"],
            english["criteria"],
        )
        translated.slug = spec["slug"]
        translated.save()
        levels[spec["slug"]] = level
    return levels


def build_past_consultation(index, fr, spec, texts):
    """A finished consultation launched `starts_in_days` from today, its report published on
    `report_published_in_days`; `texts` holds what such consultations say, with `{title}`, `{title_lower}` and
    `{slug}` standing for the consultation's, unless the consultation has its own (summary, who decides, what is
    open)."""
    start, published = spec["starts_in_days"], spec["report_published_in_days"]
    names = {"title": spec["title"], "title_lower": spec["title"].lower(), "slug": spec["slug"]}
    impact = ("impact_decision", "impact_open", "impact_closed", "impact_use")

    def own(name):
        return spec[name] if name in spec else texts[name]

    fields = {
        "title": spec["title"],
        "summary": own("summary").format(**names),
        "answer_due_date": demo.day(spec["answer_due_in_days"]),
        "announced_on": demo.day(start - spec["announced_days_before_opening"]),
        "decidim_url": texts["decidim_url"].format(**names),
        "question": spec["question"],
        **{name: own(name) for name in ("decision_maker", "service_in_charge", *impact)},
    }
    page = demo.upsert_child_page(index, ConsultationPage, spec["slug"], **fields)
    contributing, analysis = texts["phases"]
    phases = [
        phase({**contributing, "start": start, "end": start + 50}),
        phase({**analysis, "start": start + 51, "end": published - 1, "participation": False}),
    ]
    held = spec["figures"]["events_held"]
    if len(spec["events"]) != held:
        raise demo.DemoDataError(
            f"{DATA.name}: {spec['slug']} lists {len(spec['events'])} events, its figures say {held} were held."
        )
    attendance = spec["figures"]["total_attendance"]
    meeting = texts["event"]
    # The figures are shared out among the meetings the data describes (title, place, access); the first one is
    # also streamed. A meeting's own `kind`, `start` and `end` replace the evening public meeting's.
    events = [
        event(
            {
                "kind": ConsultationEvent.WORKSHOP if number else ConsultationEvent.PUBLIC_MEETING,
                "format": ConsultationEvent.HYBRID if number == 0 else ConsultationEvent.IN_PERSON,
                "day": start + 7 + 10 * number,
                "start": "18:30",
                "end": "20:30",
                "online_url": meeting["first_online_url"].format(**names) if number == 0 else "",
                "attendees": attendance // held + (attendance % held if number == 0 else 0),
                "contributions_count": spec["figures"]["contributions_in_person"] // held,
                **described,
            }
        )
        for number, described in enumerate(spec["events"])
    ]
    territories = list(Territory.objects.filter(locale=fr, slug__in=spec["territories"]))
    changed = sync_children(page, "phases", ConsultationPhase, phases)
    changed |= sync_children(page, "events", ConsultationEvent, events)
    changed |= sync_themes(page, spec["themes"])
    changed |= sync_m2m(page, "territories", territories)
    changed |= sync_m2m(page, "commitments", commitments_by_number(fr, spec["commitments"]))
    if changed:
        page.save_revision().publish()
    page = ConsultationPage.objects.get(pk=page.pk)
    own = {name: value for name, value in spec["report"].items() if name != "next_steps"}
    report = demo.upsert_child_page(
        page,
        ConsultationReportPage,
        "bilan",
        **{name: value.format(**names) for name, value in texts["report"].items()},
        **own,
        **spec["figures"],
    )
    next_steps = [
        {"description": row["description"], "due_date": demo.day(row["due_in_days"]), "responsible": row["responsible"]}
        for row in spec["report"]["next_steps"]
    ]
    if sync_children(report, "next_steps", ReportNextStep, next_steps):
        report.save_revision().publish()
    demo.set_publication_dates(page, page.announced_on)
    set_report_date(page, demo.day(published))
    return page, report


def set_report_date(consultation, date):
    """The report's publication date is its first publication (Wagtail's record): the demo dates it, in every
    language, on the story's day."""
    report = ConsultationReportPage.objects.child_of(consultation).first()
    if report is not None:
        demo.set_publication_dates(report, date)


def build_award(index, fr, levels, spec, document_texts, label_page):
    consultation = ConsultationPage.objects.child_of(index).get(slug=spec["consultation"])
    award = LabelAward.objects.filter(
        consultation=consultation, document_title=spec["document_title"], locale=fr
    ).first()
    award = award or LabelAward(consultation=consultation, document_title=spec["document_title"], locale=fr)
    award.level = levels[spec["level"]]
    award.document_kind = spec["document_kind"]
    award.document_reference = spec["document_reference"]
    award.document_date = demo.day(spec["awarded_in_days"] - 5)
    award.awarded_on = demo.day(spec["awarded_in_days"])
    if not award.code:
        # The code the award will keep, known before its first save: the document prints it under its badge.
        award.code = LabelAward._unused_code()
    # The labelled document in the library: saving the award records its fingerprint.
    award.document = labelled_document(award, spec, document_texts, label_page)
    award.document_url = ""
    award.document_sha256 = ""
    award.citizen_contribution = spec["citizen_contribution"]
    if "withdrawn" in spec:
        withdrawn = spec["withdrawn"]
        award.status, award.withdrawn_on = LabelAward.WITHDRAWN, demo.day(withdrawn["in_days"])
        award.withdrawal_reason = withdrawn["reason"]
    award.full_clean()
    award.save()
    return award


def labelled_document(award, spec, texts, label_page):
    """The award's official document as the authority would have printed it: a multi-page PDF with the label's
    badge, as it was when the document was published (active), on its title page."""
    common = {name: value for name, value in texts.items() if name != "council"}
    council = texts["council"] if award.document_kind != LabelAward.DECREE else {}
    document = {**common, **council, **spec["document"]}
    signed_on = award.document_date
    with translation.override("fr"):
        if "rapporteur" in document:
            facts = [
                ("Séance publique du", f"{dateformat.format(signed_on, 'j F Y')} à {document['session_hour']}"),
                ("Rapporteur", document["rapporteur"]),
                ("Examen préalable", document["committee"]),
                ("Quorum", document["attendance"]),
            ]
        else:
            facts = [("Signé le", dateformat.format(signed_on, "j F Y"))]
        published_on = signed_on + datetime.timedelta(days=3)
        facts.append(("Publié et transmis au contrôle de légalité le", dateformat.format(published_on, "j F Y")))
        as_published = copy.copy(award)
        as_published.status = LabelAward.ACTIVE
        url = label_page.full_verification_url(award.code)
        level = award.level.name
        badge = {
            "svg": badge_svg(as_published, level, url),
            "alt": badge_alt(as_published, level, url),
            "caption": (
                f"Label citoyen, niveau « {level} » : ce que les habitants ont apporté à ce document se vérifie en "
                "lisant le code QR, ou sur le site de la participation citoyenne avec le code "
                f"{grouped_code(award.code)}."
            ),
        }
        return demo.official_document(
            spec["document_title"],
            document,
            designation=award.document_designation,
            facts=facts,
            signed_on=signed_on,
            badge=badge,
        )


def translate_award(award, en, texts):
    """The award's English version: its own text, the French award's facts and verification code (what
    wagtail-localize's copy gives an editor, who then translates the text)."""
    translated = award.get_translation_or_none(en) or award.copy_for_translation(en)
    for name, value in texts.items():
        setattr(translated, name, value)
    translated.full_clean()
    translated.save()
