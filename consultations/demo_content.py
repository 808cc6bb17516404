"""Demo consultations of the fictional Métropole Exemple: every status (one overdue), events with minutes, a
random draw, a full standard report, and one consultation translated into English. Dates are relative to today
so the statuses stay meaningful; running the builder twice leaves the same tree."""

from charter_pages.models import Commitment
from consultations.demo_texts import DECIDIM, ENGLISH, TERRITORIES, consultation_specs, moment
from consultations.models import (
    ConsultationEvent,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationPhase,
    ConsultationReportPage,
    RandomDraw,
    ReportNextStep,
    ReportResponse,
    Territory,
)
from site_core import demo
from site_core.models import HomePage


@demo.register(order=20)
def build_consultations(stdout):
    fr, en = demo.locale("fr"), demo.locale("en")
    home = HomePage.objects.get(locale=fr, depth=2)
    territories = build_territories(fr, en)
    index = demo.upsert_child_page(
        home,
        ConsultationIndexPage,
        "concertations",
        title="Concertations",
        introduction=(
            "Chaque concertation annonce dès le départ ce que votre participation changera, comment participer "
            "en ligne et en personne, et se termine par un bilan qui répond à chaque contribution."
        ),
        listing_summary="Participez aux concertations de la Métropole et suivez ce que deviennent vos idées.",
        show_in_menus=True,
    )
    en_index = demo.upsert_translation(index, "en", show_in_menus=True, **ENGLISH["index"])
    pages = {}
    for spec in consultation_specs():
        page = demo.upsert_child_page(index, ConsultationPage, spec["slug"], **spec["fields"])
        changed = sync_children(page, "phases", ConsultationPhase, spec["phases"])
        changed |= sync_children(page, "events", ConsultationEvent, spec["events"])
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
            build_report(page, spec["report"])
    translate_consultation(pages["reseau-express-velo"], en_index, en, territories)
    stdout.write(f"Consultations: {len(pages)} in French, 1 translated into English.")


def build_territories(fr, en):
    territories = {}
    for slug, name, kind, english in TERRITORIES:
        territory, _created = Territory.objects.update_or_create(
            slug=slug, locale=fr, defaults={"name": name, "kind": kind}
        )
        translated = territory.get_translation_or_none(en)
        if translated is None:
            translated = territory.copy_for_translation(en)
        translated.name, translated.slug, translated.kind = english, slug, kind
        translated.save()
        territories[(slug, "fr")], territories[(slug, "en")] = territory, translated
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
    if RandomDraw.objects.filter(consultation=page, title=spec["title"]).exists():
        return
    record = RandomDraw.perform(
        page,
        title=spec["title"],
        method=spec["method"],
        items=spec["items"],
        count=spec["count"],
        seed=spec["seed"],
        performed_by="Mission participation citoyenne",
    )
    RandomDraw.objects.filter(pk=record.pk).update(performed_at=moment(-27, 18, 15))


def analysis_document():
    return demo.demo_document(
        "Analyse des contributions – réseau express vélo",
        [
            "Métropole Exemple (organisation fictive de démonstration)",
            "1 445 contributions analysées par thème et par ligne.",
            "Méthode : lecture intégrale, codage par deux analystes, relecture par le garant.",
        ],
    )


def build_report(page, spec):
    analysis = analysis_document()
    annexes = [
        ("document", {"document": analysis, "title": ""}),
        (
            "link",
            {
                "title": "Toutes les contributions sur la plateforme participative",
                "url": DECIDIM + "reseau-express-velo",
            },
        ),
    ]
    report = demo.upsert_child_page(page, ConsultationReportPage, spec["slug"], annexes=annexes, **spec["fields"])
    changed = sync_children(report, "responses", ReportResponse, spec["responses"])
    changed |= sync_children(report, "next_steps", ReportNextStep, spec["next_steps"])
    if changed:
        report.save_revision().publish()
    return report


def translate_children(page, relation, texts, keys):
    """Give the translated copies of child records their English text, matched by position."""
    changed = False
    children = list(getattr(page, relation).all().order_by("sort_order"))
    for child, values in zip(children, texts, strict=False):
        if isinstance(values, str):
            values = (values,)
        for key, value in zip(keys, values, strict=False):
            if getattr(child, key) != value:
                setattr(child, key, value)
                changed = True
    if changed:
        setattr(page, relation, children)
    return changed


def translate_consultation(source, en_index, en, territories):
    spec = ENGLISH["reseau-express-velo"]
    page = demo.upsert_translation(source, "en", slug=spec["slug"], **spec["fields"])
    page = ConsultationPage.objects.get(pk=page.pk)
    changed = translate_children(page, "phases", spec["phases"], ["title", "description"])
    changed |= translate_children(page, "events", spec["events"], ["title", "description", "minutes_summary"])
    changed |= sync_themes(page, spec["themes"])
    changed |= sync_m2m(page, "territories", [territories[(t.slug, "en")] for t in source.territories.all()])
    english_commitments = [c.get_translation_or_none(en) for c in source.commitments.all()]
    changed |= sync_m2m(page, "commitments", [c for c in english_commitments if c is not None])
    if changed:
        page.save_revision().publish()
    source_report = ConsultationReportPage.objects.child_of(source).first()
    if source_report is None:
        return
    report_spec = spec["report"]
    annexes = [
        ("document", {"document": analysis_document(), "title": "Analysis of the contributions (in French)"}),
        ("link", {"title": "All contributions on the participation platform", "url": DECIDIM + "reseau-express-velo"}),
    ]
    report = demo.upsert_translation(
        source_report, "en", slug=report_spec["slug"], annexes=annexes, **report_spec["fields"]
    )
    report = ConsultationReportPage.objects.get(pk=report.pk)
    changed = translate_children(report, "responses", report_spec["responses"], ["subject", "proposal", "reason"])
    changed |= translate_children(report, "next_steps", report_spec["next_steps"], ["description"])
    if changed:
        report.save_revision().publish()
