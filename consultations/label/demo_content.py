"""Demo content for the citizen label (runs after the consultations' builder): label levels, three consultations of
earlier years with their reports (the documents awarded stem from them; they also give the dashboard figures for two
years), four awards (one withdrawn) and the label page, in French and English. A little over 400 lines because
most of it is content (the specs), which issue 13's item 8 turns into data files."""

import datetime

from django.utils import timezone

from consultations.demo_content import commitments_by_number, sync_children, sync_m2m, sync_themes
from consultations.demo_texts import DECIDIM, day, event, phase
from consultations.label.models import LabelAward, LabelLevel, LabelPage
from consultations.models import (
    ConsultationEvent,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationPhase,
    ConsultationReportPage,
    ReportResponse,
    Territory,
)
from site_core import demo
from site_core.models import HomePage

LEVELS = [
    {
        "slug": "informe",
        "rank": 1,
        "fr": (
            "Informé",
            "Le public a été informé tôt, clairement, et a pu poser ses questions.",
            "Information publiée avant la décision\nRéponses écrites aux questions posées\nBilan publié",
        ),
        "en": (
            "Informed",
            "The public was told early and clearly, and could ask its questions.",
            "Information published before the decision\nWritten answers to the questions asked\nReport published",
        ),
    },
    {
        "slug": "consulte",
        "rank": 2,
        "fr": (
            "Consulté",
            "Les avis du public ont été recueillis et chacun a reçu une réponse motivée.",
            "Participation en ligne et en personne\nUne réponse motivée à chaque contribution\nBilan publié à la date "
            "promise",
        ),
        "en": (
            "Consulted",
            "The public's views were gathered and each received a reasoned answer.",
            "Participation online and in person\nA reasoned answer to every contribution\nReport published by the "
            "promised date",
        ),
    },
    {
        "slug": "co-construit",
        "rank": 3,
        "fr": (
            "Co-construit",
            "Des habitants ont écrit une partie du document avec les services.",
            "Ateliers d'écriture ouverts à tous ou tirés au sort\nAu moins un tiers des propositions retenues ou "
            "adaptées\nBilan publié à la date promise",
        ),
        "en": (
            "Co-built",
            "Residents wrote part of the document together with the services.",
            "Writing workshops open to all or drawn by lot\nAt least a third of the proposals kept or adapted\nReport "
            "published by the promised date",
        ),
    },
]


def past_consultation(slug, title, start, themes, territories, commitments, due, published, figures, responses):
    """A finished consultation launched `start` days from today, answered on day `published` (promised: `due`)."""
    return {
        "slug": slug,
        "title": title,
        "start": start,
        "themes": themes,
        "territories": territories,
        "commitments": commitments,
        "due": due,
        "published": published,
        "figures": figures,
        "responses": responses,
    }


CONSULTATIONS = [
    past_consultation(
        "stationnement-velo-gares",
        "Stationnement vélo dans les gares",
        -640,
        ["mobilité", "vélo"],
        ["secteur-nord"],
        [1, 4, 7],
        -470,
        -480,
        {
            "participants_online": 512,
            "participants_in_person": 88,
            "contributions_online": 430,
            "contributions_in_person": 64,
            "events_held": 2,
            "total_attendance": 88,
        },
        [
            ("Des abris fermés dans les grandes gares", "kept", ""),
            ("Un parking gratuit la première heure", "adapted", "Gratuit pour les abonnés des transports."),
            ("Des places pour vélos cargos", "kept", ""),
            ("Supprimer des places de voiture", "not_kept", "Le parking relais reste nécessaire aux bus."),
        ],
    ),
    past_consultation(
        "jardins-partages",
        "Jardins partagés en ville",
        -520,
        ["nature en ville", "alimentation"],
        ["secteur-sud"],
        [1, 5],
        -400,
        -385,
        {
            "participants_online": 240,
            "participants_in_person": 132,
            "contributions_online": 180,
            "contributions_in_person": 95,
            "events_held": 3,
            "total_attendance": 140,
        },
        [
            ("Un jardin dans chaque quartier prioritaire", "adapted", "Quatre jardins d'ici 2027, pas huit."),
            ("Des parcelles pour les écoles", "kept", ""),
            ("L'eau gratuite pour les jardiniers", "not_kept", "Le coût pèserait sur le prix de l'eau de tous."),
        ],
    ),
    past_consultation(
        "eclairage-public",
        "Éclairage public la nuit",
        -290,
        ["énergie", "sécurité"],
        ["secteur-nord", "secteur-sud"],
        [4, 7, 10],
        -140,
        -150,
        {
            "participants_online": 860,
            "participants_in_person": 210,
            "contributions_online": 702,
            "contributions_in_person": 148,
            "events_held": 4,
            "total_attendance": 221,
        },
        [
            ("Éteindre entre 1 h et 5 h dans les zones résidentielles", "kept", ""),
            ("Garder l'éclairage près des arrêts de bus", "kept", ""),
            ("Des détecteurs de présence dans les parcs", "adapted", "Dans trois parcs d'essai d'abord."),
            ("Tout éteindre dès 22 h", "not_kept", "Les soignants de nuit ont dit en avoir besoin."),
            ("Changer les horaires des bus", "out_of_scope", "Les horaires relèvent de l'autorité des transports."),
        ],
    ),
]

AWARDS = [
    {
        "consultation": "reseau-express-velo",
        "level": "co-construit",
        "document_title": "Plan vélo métropolitain 2027-2032",
        "document_kind": LabelAward.DELIBERATION,
        "document_reference": "Délibération n° 26-C-0412",
        "offset": -40,
        "citizen_contribution": (
            "Le tracé de la ligne 2 par les quais et l'ordre des travaux (écoles d'abord) viennent des 1 445 "
            "contributions ; deux ateliers d'habitants ont écrit le chapitre sur les carrefours."
        ),
        "en": {
            "document_title": "Metropolitan cycling plan 2027-2032",
            "citizen_contribution": (
                "The route of line 2 along the quays and the order of the works (schools first) come from the 1,445 "
                "contributions; two residents' workshops wrote the chapter on junctions."
            ),
        },
    },
    {
        "consultation": "stationnement-velo-gares",
        "level": "consulte",
        "document_title": "Schéma du stationnement vélo des gares",
        "document_kind": LabelAward.PLAN,
        "document_reference": "Plan n° 2025-PV-07",
        "offset": -460,
        "citizen_contribution": "Les abris fermés et les places pour vélos cargos ont été demandés par les usagers.",
        "en": {
            "document_title": "Bicycle parking plan for the stations",
            "citizen_contribution": "The closed shelters and the spaces for cargo bikes were asked for by users.",
        },
    },
    {
        "consultation": "jardins-partages",
        "level": "consulte",
        "document_title": "Règlement des jardins partagés",
        "document_kind": LabelAward.DECREE,
        "document_reference": "Arrêté n° 25-A-0088",
        "offset": -370,
        "citizen_contribution": "Les parcelles réservées aux écoles viennent de la concertation.",
        "withdrawn": (
            -200,
            "Le règlement adopté a supprimé les parcelles des écoles sans nouvelle concertation : il ne reflète "
            "plus ce que les habitants ont proposé.",
        ),
        "en": {
            "document_title": "Shared gardens regulations",
            "citizen_contribution": "The plots set aside for schools come from the consultation.",
            "withdrawal_reason": (
                "The regulations as adopted removed the schools' plots without a new consultation: they no longer "
                "reflect what residents proposed."
            ),
        },
    },
    {
        "consultation": "eclairage-public",
        "level": "co-construit",
        "document_title": "Plan lumière 2026",
        "document_kind": LabelAward.DELIBERATION,
        "document_reference": "Délibération n° 26-C-0118",
        "offset": -130,
        "citizen_contribution": (
            "L'extinction de 1 h à 5 h, les arrêts de bus toujours éclairés et l'essai des détecteurs dans trois "
            "parcs ont été proposés et écrits avec les habitants."
        ),
        "en": {
            "document_title": "Lighting plan 2026",
            "citizen_contribution": (
                "Switching the lights off from 1 am to 5 am, keeping bus stops lit all night and trying out presence "
                "detectors in three parks were proposed by residents and written with them."
            ),
        },
    },
]

IMPACT = {
    "question": "Qu'attendez-vous de ce projet ?",
    "decision_maker": "Le conseil métropolitain",
    "service_in_charge": "Mission participation citoyenne",
    "impact_decision": "Le conseil métropolitain adopte le document final.",
    "impact_open": "Les emplacements, les horaires et les priorités.",
    "impact_closed": "Le budget global, déjà voté.",
    "impact_use": "Chaque contribution est lue et reçoit une réponse dans le bilan.",
}


@demo.register(order=25)
def build_label(stdout):
    fr, en = demo.locale("fr"), demo.locale("en")
    home = HomePage.objects.get(locale=fr, depth=2)
    levels = build_levels(fr, en)
    index = ConsultationIndexPage.objects.get(locale=fr, slug="concertations")
    for spec in CONSULTATIONS:
        build_past_consultation(index, fr, spec)
    # The cycling network's report came out ten days before the promised date (the real record of publication).
    cycling = ConsultationPage.objects.child_of(index).get(slug="reseau-express-velo")
    set_report_date(cycling, cycling.answer_due_date - datetime.timedelta(days=10))
    for spec in AWARDS:
        translate_award(build_award(index, fr, levels, spec), en, spec["en"])
    label_page = demo.upsert_child_page(
        home,
        LabelPage,
        "label-citoyen",
        title="Label citoyen",
        introduction=(
            "Le label citoyen figure sur les délibérations, arrêtés et plans de la Métropole qui doivent quelque "
            "chose à une concertation. Son code QR mène à une page qui dit ce que les habitants ont apporté : "
            "chacun peut le vérifier."
        ),
        how_to_apply=(
            "Le service qui prépare le document écrit à la mission participation citoyenne une fois le bilan de la "
            "concertation publié.\nLa mission vérifie le bilan, les réponses aux contributions et le niveau "
            "demandé, puis attribue le label et son code.\nLe badge est inséré dans le document ; le label peut être "
            "retiré si le document final ne reflète plus la concertation."
        ),
        contact="participation@metropole-exemple.example",
        listing_summary="Vérifiez ce que les habitants ont apporté aux documents officiels qui portent le label.",
        show_in_menus=True,
    )
    demo.upsert_translation(
        label_page,
        "en",
        title="Citizen label",
        slug="citizen-label",
        introduction=(
            "The citizen label appears on the deliberations, decrees and plans of the Métropole that owe something "
            "to a consultation. Its QR code leads to a page saying what residents contributed: anyone can check it."
        ),
        how_to_apply=(
            "The service preparing the document writes to the citizen participation team once the consultation's "
            "report is published.\nThe team checks the report, the answers to contributions and the level asked "
            "for, then awards the label and its code.\nThe badge goes into the document; the label can be "
            "withdrawn if the final document no longer reflects the consultation."
        ),
        contact="participation@metropole-exemple.example",
        listing_summary="Check what residents contributed to the official documents that carry the label.",
        show_in_menus=True,
    )
    stdout.write(f"Citizen label: {len(levels)} levels, {len(AWARDS)} awards.")


def build_levels(fr, en):
    levels = {}
    for spec in LEVELS:
        name, summary, criteria = spec["fr"]
        level, _created = LabelLevel.objects.update_or_create(
            slug=spec["slug"],
            locale=fr,
            defaults={"name": name, "rank": spec["rank"], "summary": summary, "criteria": criteria},
        )
        name, summary, criteria = spec["en"]
        translated = level.get_translation_or_none(en) or level.copy_for_translation(en)
        translated.name, translated.rank, translated.summary, translated.criteria = (
            name,
            spec["rank"],
            summary,
            criteria,
        )
        translated.slug = spec["slug"]
        translated.save()
        levels[spec["slug"]] = level
    return levels


def build_past_consultation(index, fr, spec):
    start = spec["start"]
    fields = {
        "title": spec["title"],
        "summary": f"Concertation terminée : {spec['title'].lower()}. Le bilan répond à chaque contribution.",
        "answer_due_date": day(spec["due"]),
        "decidim_url": DECIDIM + spec["slug"],
        **IMPACT,
    }
    page = demo.upsert_child_page(index, ConsultationPage, spec["slug"], **fields)
    phases = [
        phase("Contributions en ligne et rencontres", start, start + 50, "Carte en ligne et réunions publiques."),
        phase("Analyse", start + 51, spec["published"] - 1, "Lecture de chaque contribution.", participation=False),
    ]
    held = spec["figures"]["events_held"]
    attendance = spec["figures"]["total_attendance"]
    events = [
        event(
            f"Rencontre {number + 1}",
            ConsultationEvent.WORKSHOP if number else ConsultationEvent.PUBLIC_MEETING,
            ConsultationEvent.HYBRID if number == 0 else ConsultationEvent.IN_PERSON,
            start + 7 + 10 * number,
            (18, 30),
            (20, 30),
            place_name="Maison de la participation",
            address="12 rue de la Concertation, 59000 Exemple",
            online_url=("https://visio.metropole-exemple.example/rencontre" if number == 0 else ""),
            attendees=attendance // held + (attendance % held if number == 0 else 0),
            contributions_count=spec["figures"]["contributions_in_person"] // held,
            minutes_summary="Compte rendu publié avec le bilan.",
        )
        for number in range(held)
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
    report = demo.upsert_child_page(
        page,
        ConsultationReportPage,
        "bilan",
        title=f"Bilan : {spec['title'].lower()}",
        project_reminder=f"<p>{spec['title']} : la question posée et son cadre.</p>",
        organisation="<p>Participation en ligne et rencontres en personne.</p>",
        heard="<p>Les contributions, regroupées par thème, sont résumées ci-dessous.</p>",
        delivered_impact="<p>Les réponses retenues figurent dans le document adopté.</p>",
        **spec["figures"],
    )
    rows = [
        {"subject": "", "proposal": proposal, "channel": ReportResponse.BOTH, "decision": decision, "reason": reason}
        for proposal, decision, reason in spec["responses"]
    ]
    if sync_children(report, "responses", ReportResponse, rows):
        report.save_revision().publish()
    set_report_date(page, day(spec["published"]))


def set_report_date(consultation, date):
    """The report's publication date is its first publication (Wagtail's record); the demo backdates it."""
    moment = timezone.make_aware(datetime.datetime.combine(date, datetime.time(10)))
    ConsultationReportPage.objects.child_of(consultation).exclude(first_published_at=moment).update(
        first_published_at=moment
    )


def build_award(index, fr, levels, spec):
    consultation = ConsultationPage.objects.child_of(index).get(slug=spec["consultation"])
    award = LabelAward.objects.filter(
        consultation=consultation, document_title=spec["document_title"], locale=fr
    ).first()
    award = award or LabelAward(consultation=consultation, document_title=spec["document_title"], locale=fr)
    award.level = levels[spec["level"]]
    award.document_kind = spec["document_kind"]
    award.document_reference = spec["document_reference"]
    award.document_date = day(spec["offset"] - 5)
    award.awarded_on = day(spec["offset"])
    award.document_url = ""
    award.citizen_contribution = spec["citizen_contribution"]
    if "withdrawn" in spec:
        offset, reason = spec["withdrawn"]
        award.status, award.withdrawn_on, award.withdrawal_reason = LabelAward.WITHDRAWN, day(offset), reason
    award.full_clean()
    award.save()
    return award


def translate_award(award, en, texts):
    """The award's English version: its own text, the French award's facts and verification code (what
    wagtail-localize's copy gives an editor, who then translates the text)."""
    translated = award.get_translation_or_none(en) or award.copy_for_translation(en)
    for name, value in texts.items():
        setattr(translated, name, value)
    translated.full_clean()
    translated.save()
