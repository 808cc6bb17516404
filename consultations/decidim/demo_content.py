"""Demo content: the cycling network's (fictional) Decidim 0.30 export, imported through the same importer editors
use, so the published demo report shows what the authority is implementing, the consultation page names the
process and its proposals are contribution records; and the walking plan's 0.28 export (that consultation has no
report yet)."""

import csv
import tempfile
from pathlib import Path

from consultations.decidim.importer import run_import
from consultations.models import ConsultationIndexPage, ConsultationPage
from site_core import demo

# The fictional authority's Decidim platform (the consultations' demo data links to the same processes).
DECIDIM = "https://participer.metropole-val-de-marque.example/processes/"
SLUG = "reseau-express-velo"
SPACE = DECIDIM + SLUG

PROCESSES = [
    # Decidim 0.30 may repeat a process's row (a known bug): the importer keeps the first row of each id.
    ["id", "title/fr", "title/en", "slug", "published_at", "url", "start_date", "end_date"],
    ["30", "Réseau express vélo : le tracé des cinq lignes", "", SLUG, "2025-01-10 09:00:00 UTC", SPACE, "", ""],
    ["30", "Réseau express vélo : le tracé des cinq lignes", "", SLUG, "2025-01-10 09:00:00 UTC", SPACE, "", ""],
    ["31", "Plan marche", "", "plan-marche", "2026-09-01 09:00:00 UTC", DECIDIM + "plan-marche", "", ""],
]


def proposal_url(decidim_id):
    return f"{SPACE}/f/71/proposals/{decidim_id}"


PROPOSALS = [
    # Still being evaluated on the platform, without a published answer: each becomes a contribution record with
    # no decision yet, which the report's editors answer.
    ["id", "participatory_space/url", "title/fr", "body/fr", "state", "reference", "answer/fr", "votes", "comments"]
    + ["published_at", "url", "withdrawn"],
    [
        "4101",
        SPACE,
        "Faire passer la ligne 2 par les quais du canal",
        "<p>Les quais sont plats et sans voitures : la ligne 2 y serait plus sûre que sur le boulevard.</p>",
        "evaluating",
        "REV-PROP-4101",
        "",
        "412",
        "57",
        f"{demo.day(-296).isoformat()} 09:12:00 UTC",  # the day the demo's own record gives (contributions.yaml)
        proposal_url("4101"),
    ],
    [
        "4102",
        SPACE,
        "Des abris vélos sécurisés dans toutes les gares",
        "<p>Sans abri fermé, on n'ose pas laisser son vélo à la gare toute la journée.</p>",
        "evaluating",
        "REV-PROP-4102",
        "",
        "298",
        "33",
        f"{demo.day(-290).isoformat()} 17:40:00 UTC",
        proposal_url("4102"),
    ],
    [
        "4103",
        SPACE,
        "Des carrefours protégés sur la ligne 1",
        "<p>Les carrefours de la ligne 1 sont les endroits où l'on a peur : il faut les protéger d'abord.</p>",
        "evaluating",
        "REV-PROP-4103",
        "",
        "187",
        "21",
        f"{demo.day(-284).isoformat()} 12:05:00 UTC",
        proposal_url("4103"),
    ],
]


def results():
    header = ["id", "parent/id", "title/fr", "title/en", "start_date", "end_date", "status/key", "status/name/fr"]
    header += ["progress", "url", "component/id", "proposal_urls"]

    def row(decidim_id, parent, title, start, end, key, status, progress, proposals):
        dates = [demo.day(offset).isoformat() if offset is not None else "" for offset in (start, end)]
        url = f"{SPACE}/f/72/results/{decidim_id}"
        links = ", ".join(proposal_url(proposal) for proposal in proposals)
        return [decidim_id, parent, title, "", *dates, key, status, progress, url, "72", links]

    return [
        header,
        row("8101", "", "La ligne 2 par les quais du canal", -120, 400, "studies", "Études", "35.0", ["4101"]),
        row("8102", "8101", "Relevés topographiques des quais", -120, -30, "done", "Terminé", "100.0", []),
        row("8103", "8101", "Avant-projet soumis au vote du conseil", -30, 60, "in_progress", "En cours", "10.0", []),
        row(
            "8104",
            "",
            "Abris vélos sécurisés dans les huit gares principales",
            -60,
            700,
            "in_progress",
            "En cours",
            "25.0",
            ["4102"],
        ),
        row("8105", "", "Carrefours protégés sur la ligne 1", 200, None, "planned", "Prévu", "", ["4103"]),
    ]


def write(path, rows):
    width = len(rows[0])
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, delimiter=";", lineterminator="\n").writerows(row + [""] * (width - len(row)) for row in rows)


@demo.register(order=26)
def import_cycling_network_export(stdout):
    index = ConsultationIndexPage.objects.get(locale=demo.locale("fr"), slug="concertations")
    consultation = ConsultationPage.objects.child_of(index).get(slug=SLUG)
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder, "participer-open-data-participatory_processes.csv"), PROCESSES)
        write(Path(folder, "participer-open-data-proposals.csv"), PROPOSALS)
        write(Path(folder, "participer-open-data-results.csv"), results())
        run_import(folder, SLUG, consultation, source_name="participer-open-data.zip (démonstration)")


DECIDIM_PROPOSALS = [
    # id, title, state, supports, comments
    ("3101", "Des trottoirs plus larges rue de la Gare", "evaluating", "142", "18"),
    ("3102", "Des bancs tous les 200 mètres", "evaluating", "96", "11"),
    ("3103", "Des passages piétons surélevés devant les écoles", "", "210", "27"),
    ("3104", "Une rue piétonne le dimanche", "withdrawn", "12", "3"),
]


@demo.register(order=27)
def import_walking_plan_export(stdout):
    index = ConsultationIndexPage.objects.get(locale=demo.locale("fr"), slug="concertations")
    import_demo_decidim_export(ConsultationPage.objects.child_of(index).get(slug="plan-marche"))
    stdout.write("Walking plan: Decidim export imported.")


def import_demo_decidim_export(consultation):
    """The walking plan's online figures come from a (fictional) Decidim 0.28 open-data export, through the same
    importer editors use."""
    space = "https://participer.metropole-val-de-marque.example/processes/plan-marche"
    header = "id;participatory_space/url;title/fr;state;reference;answer/fr;supports;comments;published_at;url"
    lines = [header] + [
        f"{id_};{space};{title};{state};PM-PROP-{id_};;{supports};{comments};2026-10-20 10:00:00 UTC;"
        f"{space}/f/61/proposals/{id_}"
        for id_, title, state, supports, comments in DECIDIM_PROPOSALS
    ]
    meetings = "\n".join(
        [
            "id;participatory_space/url;title/fr;start_time;end_time;attendees;contributions;comments",
            f"7001;{space};Permanence en ligne;2026-10-25 18:00:00 UTC;2026-10-25 19:30:00 UTC;48;21;6",
        ]
    )
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "participer-open-data-proposals.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        Path(folder, "participer-open-data-meetings.csv").write_text(meetings + "\n", encoding="utf-8")
        run_import(folder, "plan-marche", consultation, source_name="participer-open-data.zip (démonstration)")
