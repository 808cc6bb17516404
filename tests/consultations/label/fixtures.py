"""Factories for the citizen label and indicators tests: levels, a label page and awards."""

import datetime

from consultations.label.models import LabelAward, LabelLevel, LabelPage
from tests.consultations.conftest import make_consultation, make_report
from tests.utils import publish_child

LABEL_FIELDS = {
    "introduction": "Le label citoyen signale ce qui vient de la concertation.",
    "how_to_apply": "Le service remplit une demande.\nLe comité vérifie le bilan.",
    "contact": "label@example.org",
}


def make_level(locales, slug="co-construit", name="Co-construit", rank=3):
    return LabelLevel.objects.create(
        locale=locales["fr"],
        slug=slug,
        name=name,
        rank=rank,
        summary="Les habitants ont écrit le projet avec le service.",
        criteria="Ateliers d'écriture\nBilan publié dans les délais",
    )


def make_label_page(parent, **fields):
    return publish_child(parent, LabelPage(title="Label citoyen", slug="label-citoyen", **{**LABEL_FIELDS, **fields}))


def reported_consultation(index, slug="plan-velo", **report_fields):
    consultation = make_consultation(
        index,
        slug,
        phases=[(datetime.date(2025, 3, 1), datetime.date(2025, 4, 30))],
        answer_due_date=datetime.date(2025, 9, 30),
    )
    make_report(consultation, responses=[{"proposal": "Des pistes séparées", "decision": "kept"}], **report_fields)
    return consultation


def make_award(consultation, level, **fields):
    values = {
        "consultation": consultation,
        "level": level,
        "awarded_on": datetime.date(2025, 11, 3),
        "document_title": "Plan vélo 2026-2031",
        "document_kind": LabelAward.PLAN,
        "document_reference": "Délibération n° 25-C-0142",
        "document_date": datetime.date(2025, 10, 20),
        "citizen_contribution": "Le tracé par les quais, proposé par 312 habitants.",
        **fields,
    }
    award = LabelAward(**values)
    award.full_clean()
    award.save()
    return award


def translate_award(award, locale, **texts):
    """The award's version in `locale`, as an editor gets it from wagtail-localize's copy (same translation key,
    same facts and code), with `texts` translated."""
    translation = award.copy_for_translation(locale)
    for name, value in texts.items():
        setattr(translation, name, value)
    translation.full_clean()
    translation.save()
    return translation


def make_english_label_page(label_page, level, locales, translate_page):
    """The English label page, with the English version of `level` (the award's level shows in English)."""
    english = level.copy_for_translation(locales["en"])
    english.name, english.criteria = "Co-built", "Writing workshops\nReport on time"
    english.save()
    return translate_page(label_page, locales["en"], title="Citizen label", slug="citizen-label")
