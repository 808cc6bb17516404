"""The indicators, recomputed by hand from small fixtures; the dashboard page, its charts, filters and CSV."""

import codecs
import csv
import datetime
import io
import re
import xml.etree.ElementTree as ET
import zoneinfo

import pytest
import time_machine
from wagtail.models import Locale

from charter_pages import rules
from charter_pages.models import Commitment
from consultations.indicators import aggregation, loading
from consultations.indicators import commitments as measuring
from consultations.label.models import LabelAward
from consultations.models import ConsultationEvent, Contribution
from tests.factories import (
    CharterPageFactory,
    ConsultationPageFactory,
    ConsultationReportPageFactory,
    ContributionFactory,
    DashboardPageFactory,
    LabelAwardFactory,
    LabelLevelFactory,
    at,
)
from tests.utils import QUERY_BUDGET, visible_text

NOW = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
d = datetime.date


def held(title, fmt, day, **fields):
    values = {"title": title, "format": fmt, "start": at(*day), "end": at(*day, hour=20)}
    if fmt != ConsultationEvent.IN_PERSON:
        values["online_url"] = "https://visio.example.org/"
    if fmt != ConsultationEvent.ONLINE:
        values["address"] = "1 place de la Mairie"
    values.update(fields)
    return values


def publish_report_on(consultation, day, decisions, **figures):
    """Publish `consultation`'s report on `day`, its contribution records answered with `decisions` ("" for none)."""
    for decision in decisions:
        reason = "" if decision in ("", Contribution.KEPT) else "Une raison donnée en une phrase."
        ContributionFactory(consultation=consultation, decision=decision, reason=reason)
    report = ConsultationReportPageFactory(parent=consultation, **figures)
    published = datetime.datetime.combine(day, datetime.time(10), tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    type(report).objects.filter(pk=report.pk).update(first_published_at=published)
    return report


@pytest.fixture
def world(index_page, home_page, locales):
    """Three consultations with hand-checkable figures (see each test for the arithmetic)."""
    with time_machine.travel(NOW, tick=False):
        charter = CharterPageFactory(parent=home_page, commitments_per_chapter=(4,))
        # Commitments 1 to 3 are measured by their reports' punctuality, commitment 4 by no computed check.
        Commitment.objects.filter(chapter__page=charter, number__lte=3).update(
            measure_rule=rules.REPORT_ON_TIME, measure_threshold=100
        )
        c1, c2, c3, c4 = Commitment.objects.filter(chapter__page=charter).order_by("number")
        a = ConsultationPageFactory(
            parent=index_page,
            slug="a-velo",
            phases=[(d(2025, 3, 1), d(2025, 4, 30))],
            answer_due_date=d(2025, 9, 30),
            events=[
                held("A1", ConsultationEvent.IN_PERSON, (2025, 3, 10)),
                held("A2", ConsultationEvent.IN_PERSON, (2025, 3, 20)),
                held("A3", ConsultationEvent.ONLINE, (2025, 4, 2)),
            ],
        )
        b = ConsultationPageFactory(
            parent=index_page,
            slug="b-marche",
            phases=[(d(2025, 5, 1), d(2025, 6, 30))],
            answer_due_date=d(2025, 10, 31),
            events=[held("B1", ConsultationEvent.HYBRID, (2025, 5, 15))],
        )
        c = ConsultationPageFactory(
            parent=index_page,
            slug="c-ecoles",
            phases=[(d(2026, 10, 1), d(2027, 1, 31))],
            answer_due_date=d(2027, 3, 31),
            events=[
                held("C1", ConsultationEvent.IN_PERSON, (2026, 10, 8), attendees=30, contributions_count=12),
                held("C2", ConsultationEvent.IN_PERSON, (2026, 12, 10)),
            ],
        )
        a.themes.add("mobilité")
        b.themes.add("marche")
        c.themes.add("mobilité")
        a.commitments.set([c1, c3])
        b.commitments.set([c1, c2])
        c.commitments.set([c2])
        for page in (a, b, c):
            page.save_revision().publish()
        publish_report_on(
            a,
            d(2025, 9, 15),
            ["kept", "adapted", "not_kept", "out_of_scope", "under_study"],
            participants_online=100,
            participants_in_person=40,
            contributions_online=200,
            contributions_in_person=50,
        )
        publish_report_on(
            b,
            d(2025, 12, 1),
            ["kept", ""],  # published as partial: one contribution waits for its decision
            published_as_partial=True,
            participants_online=60,
            participants_in_person=20,
            contributions_online=80,
            contributions_in_person=20,
        )
        level = LabelLevelFactory()
        LabelAwardFactory(consultation=a, level=level)
        LabelAwardFactory(
            consultation=b,
            level=level,
            status=LabelAward.WITHDRAWN,
            withdrawn_on=d(2026, 1, 5),
            withdrawal_reason="Retiré.",
        )
        dashboard = DashboardPageFactory(
            parent=home_page, title="Tableau de bord", slug="tableau-de-bord", introduction="Les chiffres."
        )
    return {"a": a, "b": b, "c": c, "commitments": (c1, c2, c3, c4), "dashboard": dashboard}


def records():
    return loading.load_records(Locale.objects.get(language_code="fr"))


def test_each_indicator_recomputed_by_hand(world):
    with time_machine.travel(NOW, tick=False):
        summary = aggregation.summarise(records())
    assert summary["consultations"] == 3
    assert summary["participants_online"] == 100 + 60  # reports of A and B; C has no report (and no online count)
    assert summary["participants_in_person"] == 40 + 20 + 30  # reports of A, B; C's event attendance
    # Records where there are some (A: 5, B: 2; the typed 250 and 100 count more than the records answer), else
    # what the events recorded (C: 12).
    assert summary["contributions"] == 5 + 2 + 12  # = 19
    # Answered: a final decision. A: 4 (its fifth is still under study); B: 1 (the other has no decision); C: none.
    assert summary["answered_share"] == round(100 * (4 + 1) / 19, 1) == 26.3
    assert summary["influence_share"] == round(100 * (2 + 1) / (4 + 1), 1) == 60.0  # kept or adapted, of answered
    assert summary["partial_reports"] == 1  # B's
    assert summary["in_person_share"] == 80.0  # held: A1, A2 (in person), A3 (online), B1 (hybrid), C1: 4 of 5
    assert summary["on_time_share"] == 50.0  # A on time, B late, C not due yet
    # Launch to report: A 2025-03-01 -> 2025-09-15 = 198 days; B 2025-05-01 -> 2025-12-01 = 214 days.
    assert summary["median_delay"] == (198 + 214) / 2 == 206
    assert summary["labels"] == 1  # B's label is withdrawn


def test_status_counts_and_groups(world):
    with time_machine.travel(NOW, tick=False):
        rows = records()
        counts = {row["code"]: row["count"] for row in aggregation.status_counts(rows)}
        by_year = {
            label: aggregation.summarise(members) for _key, label, _lang, members in aggregation.group_by(rows, "year")
        }
        by_theme = {
            label: aggregation.summarise(members) for _key, label, _lang, members in aggregation.group_by(rows, "theme")
        }
    assert counts == {"upcoming": 0, "open": 1, "analysis": 0, "report": 2, "overdue": 0}
    assert list(by_year) == ["2026", "2025"]
    assert by_year["2025"]["contributions"] == 7 and by_year["2026"]["contributions"] == 12
    assert by_year["2025"]["answered_share"] == round(100 * 5 / 7, 1)
    assert by_theme["mobilité"]["consultations"] == 2 and by_theme["marche"]["consultations"] == 1


def test_charter_commitments_kept_or_not(world):
    c1, c2, c3, c4 = world["commitments"]
    with time_machine.travel(NOW, tick=False):
        measures = measuring.measure_all([c1, c2, c3, c4], records())
    rows = {commitment.number: measures[commitment.pk] for commitment in (c1, c2, c3, c4)}
    # 1: A on time, B late. 2: B late, C not due. 3: A on time. 4: no rule.
    assert (rows[1].passed, rows[1].counted, rows[1].applied, rows[1].verdict) == (1, 2, 2, rules.NOT_KEPT)
    assert (rows[2].passed, rows[2].counted, rows[2].applied, rows[2].verdict) == (0, 1, 2, rules.NOT_KEPT)
    assert (rows[3].passed, rows[3].counted, rows[3].verdict) == (1, 1, rules.KEPT)
    assert (rows[4].applied, rows[4].verdict) == (0, rules.NOT_MEASURED)


def test_dashboard_page_shows_indicators_with_definitions_charts_and_tables(client, world):
    with time_machine.travel(NOW, tick=False):
        response = client.get("/fr/tableau-de-bord/")
    assert response.status_code == 200
    html = response.content.decode()
    text = visible_text(response)
    assert "Influence" in text and "60,0 %" in text
    assert "Part des contributions répondues qui sont retenues ou adaptées." in text
    assert "1 bilan publié est partiel : certaines de ses contributions n'ont pas encore de décision" in text
    assert "206 jours" in text
    assert "Engagement numéro 1" in text and "Non tenu" in text and "Tenu" in text
    charts = re.findall(r"<svg class=\"dashboard-chart\".*?</svg>", html, flags=re.S)
    assert len(charts) == 3
    for chart in charts:
        root = ET.fromstring(chart)  # noqa: S314 (our own output)
        assert root.get("role") == "img"
        assert root.find("{http://www.w3.org/2000/svg}title").text
        assert root.find("{http://www.w3.org/2000/svg}desc").text
        assert "style=" not in chart
        assert "…" not in chart  # labels are wrapped, never cut
    # The share chart's labels, whole once their lines are joined (one was cut at 32 characters before issue 18).
    share_texts = [text.text for text in ET.fromstring(charts[2]).iter("{http://www.w3.org/2000/svg}text")]  # noqa: S314
    assert "Contributions ayant reçu une réponse" in " ".join(share_texts)
    # The participation chart has two series, named in its legend; the other charts, one colour for all bars.
    assert "Participants en ligne" in charts[1] and "Participants en personne" in charts[1]
    assert "chart-legend" not in charts[0] + charts[2] and "hatch" not in charts[0] + charts[2]
    # Each chart is followed by a table with the same figures.
    assert html.count("<table") == 3 + 5 + 1
    assert "<script" not in html.split("<main", 1)[1]


def test_dashboard_filters_and_bad_values(client, world):
    with time_machine.travel(NOW, tick=False):
        text = visible_text(client.get("/fr/tableau-de-bord/?year=2026"))
        assert "C ecoles" in text and "A velo" not in text
        text = visible_text(client.get("/fr/tableau-de-bord/?theme=marche"))
        assert "B marche" in text and "A velo" not in text
        response = client.get("/fr/tableau-de-bord/?year=1812&territory=atlantide")
    assert response.status_code == 200
    text = visible_text(response)
    assert "filtre ignoré" in text and "A velo" in text


def test_csv_matches_the_page(client, world):
    with time_machine.travel(NOW, tick=False):
        page = client.get("/fr/tableau-de-bord/?year=2025").content.decode()
        response = client.get("/fr/tableau-de-bord/figures.csv?year=2025")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Périmètre", "Groupe", "Concertations"]
    all_row = next(row for row in body if row[0] == "all")
    assert all_row[2:] == ["2", "160", "60", "7", "71.4", "60", "75", "50", "206", "1"]
    scopes = [row[0] for row in body]
    assert scopes.count("consultation") == 2
    # Every CSV row is a row of the page's tables, with the same figures once formatted.
    page_rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>((?:<td>.*?</td>)+)</tr>", page)
    page_table = {re.sub(r"<[^>]+>", "", label): re.findall(r"<td>(.*?)</td>", cells) for label, cells in page_rows}
    for row in body:
        cells = page_table[row[1]]
        assert len(cells) == len(row) - 2
        for raw, shown in zip(row[2:], cells, strict=True):
            digits = re.sub(r"[^\d,]", "", shown).replace(",", ".")
            assert (raw == "" and shown == "–") or float(raw) == float(digits)


def test_the_csv_for_french_spreadsheets_has_a_bom_semicolons_and_decimal_commas(client, world):
    with time_machine.travel(NOW, tick=False):
        page = client.get("/fr/tableau-de-bord/?year=2025")
        default = client.get("/fr/tableau-de-bord/figures.csv?year=2025")
        french = client.get("/fr/tableau-de-bord/figures.csv?year=2025&format=spreadsheet-fr")
        unknown = client.get("/fr/tableau-de-bord/figures.csv?year=2025&format=%3Cb%3E")
    # Both are linked from the page, each with its format stated, and both keep the page's filters.
    text = visible_text(page)
    assert "Télécharger ces chiffres (CSV, UTF-8 : séparateur virgule, décimales avec un point)" in text
    assert (
        "Télécharger ces chiffres pour un tableur en français, comme Excel "
        "(CSV, UTF-8 avec BOM : séparateur point-virgule, décimales avec une virgule)"
    ) in text
    html = page.content.decode()
    assert 'href="/fr/tableau-de-bord/figures.csv?year=2025" download' in html
    assert 'href="/fr/tableau-de-bord/figures.csv?year=2025&amp;format=spreadsheet-fr" download' in html
    # The default CSV is unchanged: no BOM, commas, decimal points (what programs read).
    assert not default.content.startswith(codecs.BOM_UTF8)
    assert 'filename="indicateurs.csv"' in default["Content-Disposition"]
    assert unknown.content == default.content
    # The French one: UTF-8 with a BOM, semicolons, decimal commas, the same figures.
    assert french.status_code == 200 and french["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="indicateurs-tableur.csv"' in french["Content-Disposition"]
    assert french.content.startswith(codecs.BOM_UTF8)
    decoded = french.content.decode("utf-8-sig")
    assert decoded.splitlines()[0].count(";") == 11 and "," not in decoded.splitlines()[0]
    rows = list(csv.reader(io.StringIO(decoded), delimiter=";"))
    default_rows = list(csv.reader(io.StringIO(default.content.decode())))
    assert rows[0] == default_rows[0] and rows[0][:3] == ["Périmètre", "Groupe", "Concertations"]
    all_row = next(row for row in rows if row[0] == "all")
    assert all_row[2:] == ["2", "160", "60", "7", "71,4", "60", "75", "50", "206", "1"]
    assert len(rows) == len(default_rows)
    for row, default_row in zip(rows[1:], default_rows[1:], strict=True):
        assert row[:2] == default_row[:2]
        assert [figure.replace(",", ".") for figure in row[2:]] == default_row[2:]
        assert all("." not in figure for figure in row[2:])
        assert [float(figure.replace(",", ".")) if figure else None for figure in row[2:]] == [
            float(figure) if figure else None for figure in default_row[2:]
        ]


def test_dashboard_queries_do_not_grow_with_consultations(
    client, world, index_page, django_assert_max_num_queries, django_assert_num_queries
):
    with time_machine.travel(NOW, tick=False):
        client.get("/fr/tableau-de-bord/")
        with django_assert_max_num_queries(QUERY_BUDGET, info="dashboard, 3 consultations") as with_3:
            assert client.get("/fr/tableau-de-bord/").status_code == 200
        with_3 = len(with_3)  # now: the next request empties the connection's query log
        for number in range(6):
            page = ConsultationPageFactory(
                parent=index_page, slug=f"n-{number}", phases=[(d(2026, 1, 1), d(2026, 2, 1))]
            )
            page.themes.add("mobilité")
            page.save_revision().publish()
        client.get("/fr/tableau-de-bord/")
        with django_assert_num_queries(with_3, info="dashboard, 9 consultations as with 3"):
            assert client.get("/fr/tableau-de-bord/").status_code == 200


def test_charter_commitment_page_shows_its_live_indicator(client, world):
    with time_machine.travel(NOW, tick=False):
        text = visible_text(client.get("/fr/charte/engagements/1/"))
        assert "Cet engagement est-il tenu ? Non tenu – 1 sur 2 bilans attendus (50,0 %)" in text
        assert "Calculé à partir des données des 2 concertations qui l'appliquent." in text
        assert "A velo (ouverte le 1er mars 2025, publiée le 26 novembre 2026) : bilan publié à la date promise" in text
        assert "B marche (ouverte le 1er mai 2025, publiée le 26 novembre 2026) : bilan en retard de 31 jours" in text
        text = visible_text(client.get("/fr/charte/engagements/3/"))
        assert "Cet engagement est-il tenu ? Tenu – 1 sur 1 bilan attendu (100,0 %)" in text
        # A new late consultation applying commitment 3 changes the verdict at once (the cache follows publication).
        late = ConsultationPageFactory(
            parent=world["a"].get_parent(),
            slug="d-retard",
            phases=[(d(2025, 1, 1), d(2025, 2, 1))],
            answer_due_date=d(2025, 6, 1),
        )
        late.commitments.set([world["commitments"][2]])
        late.save_revision().publish()
        text = visible_text(client.get("/fr/charte/engagements/3/"))
    assert "Cet engagement est-il tenu ? Non tenu" in text


def consultation_table_rows(html):
    table = html.split('data-scope="consultation"')[1].split("</table>")[0]
    return re.findall(r'<th scope="row"><a href="[^"]+">(.*?)</a></th>', table)


def test_per_consultation_table_is_paged_and_the_csv_holds_every_consultation(client, world, monkeypatch):
    monkeypatch.setattr("consultations.indicators.models.CONSULTATIONS_PER_PAGE", 2)
    with time_machine.travel(NOW, tick=False):
        first = client.get("/fr/tableau-de-bord/?theme=mobilit%C3%A9").content.decode()
        second = client.get("/fr/tableau-de-bord/?theme=mobilit%C3%A9&page=2").content.decode()
        everything = client.get("/fr/tableau-de-bord/?page=2").content.decode()
        wrong = client.get("/fr/tableau-de-bord/?page=deux")
        csv_rows = list(csv.reader(io.StringIO(client.get("/fr/tableau-de-bord/figures.csv").content.decode())))
    # Newest first: C (2026) then A (2025) under "mobilité"; the filter is kept from page to page.
    assert consultation_table_rows(first) == ["C ecoles", "A velo"]
    assert consultation_table_rows(second) == ["C ecoles", "A velo"]  # only one page: the nearest is shown
    assert consultation_table_rows(everything) == ["A velo"]
    assert "Page 2 sur 2" in visible_text_of(everything)
    assert 'href="?page=1"' in everything and "theme=" not in everything.split('aria-label="Pages de résultats"')[1]
    assert "Le téléchargement CSV contient les chiffres des 3 concertations sélectionnées." in visible_text_of(
        everything
    )
    # The CSV link never carries the page number: it exports the whole selection.
    assert 'figures.csv" download' in everything and "figures.csv?page" not in everything
    assert [row[1] for row in csv_rows if row[0] == "consultation"] == ["C ecoles", "B marche", "A velo"]
    assert wrong.status_code == 200
    assert "« deux » n'est pas une page de ces résultats" in visible_text(wrong)


def visible_text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_commitment_applied_many_times_lists_the_newest_five(client, world, index_page):
    c4 = world["commitments"][3]
    with time_machine.travel(NOW, tick=False):
        for number in range(7):
            page = ConsultationPageFactory(
                parent=index_page, slug=f"n-{number}", phases=[(d(2026, 1, 1 + number), d(2026, 3, 1))]
            )
            page.commitments.set([c4])
            page.save_revision().publish()
        html = client.get("/fr/tableau-de-bord/").content.decode()
    row = next(row for row in html.split("<tr>") if "engagements/4/" in row)
    cell = row.split("</td>")[-2]  # the consultations that applied it: the last column
    assert re.findall(r">(N \d)</a>", cell) == ["N 6", "N 5", "N 4", "N 3", "N 2"]
    assert "et 2 autres" in cell


def test_the_dashboard_follows_a_publication_at_once(client, world, index_page):
    """Its figures are computed once per content change (site_data.remember): never stale."""

    def consultations_card(html):
        return re.search(r"Concertations</p>\s*<p class=\"dashboard-indicator__value\">(\d+)</p>", html).group(1)

    with time_machine.travel(NOW, tick=False):
        assert consultations_card(client.get("/fr/tableau-de-bord/").content.decode()) == "3"
        page = ConsultationPageFactory(parent=index_page, slug="d-nouvelle", phases=[(d(2026, 11, 1), d(2026, 12, 1))])
        assert consultations_card(client.get("/fr/tableau-de-bord/").content.decode()) == "4"
        page.unpublish()
        assert consultations_card(client.get("/fr/tableau-de-bord/").content.decode()) == "3"


def test_each_consultation_counts_once_in_its_primary_or_first_language(
    client, world, index_page, home_page_en, locales, translate_page
):
    """A translated consultation counts once (in French); one published in English only counts too."""
    with time_machine.travel(NOW, tick=False):
        english_index = translate_page(index_page, locales["en"], title="Consultations", slug="consultations")
        translate_page(world["a"], locales["en"], title="Cycling plan")
        ConsultationPageFactory(parent=english_index, slug="english-only", phases=[(d(2026, 11, 1), d(2026, 12, 20))])
        translate_page(world["dashboard"], locales["en"], title="Dashboard", slug="dashboard")
        counted = records()
        french = visible_text(client.get("/fr/tableau-de-bord/"))
        english = visible_text(client.get("/en/dashboard/"))
    assert sorted(record.title for record in counted) == ["A velo", "B marche", "C ecoles", "English only"]
    assert "Concertations 4 " in french and "Consultations 4 " in english
    assert "Cycling plan" in english and "A velo" not in english  # the translation's title where there is one
    assert "English only" in french


def test_the_english_dashboard_marks_the_titles_it_shows_in_french(
    client, world, index_page, home_page_en, locales, translate_page
):
    """English titles where a translation is published; the others in French, inside lang="fr" with the notice
    in English. A draft translation is not published: its consultation stays French."""
    with time_machine.travel(NOW, tick=False):
        translate_page(index_page, locales["en"], title="Consultations", slug="consultations")
        translate_page(world["a"], locales["en"], title="Cycling plan")
        draft = world["c"].copy_for_translation(locales["en"])
        draft.title = "Schools draft"
        draft.save_revision()
        translate_page(world["dashboard"], locales["en"], title="Dashboard", slug="dashboard")
        html = client.get("/en/dashboard/").content.decode()
    notice = (
        '<span class="original-language-notice">(Not yet translated: shown in its original language, French.)</span>'
    )
    assert ">Cycling plan</a>" in html and "A velo" not in html
    assert f'<span lang="fr">B marche</span> {notice}</a>' in html
    assert f'<span lang="fr">C ecoles</span> {notice}</a>' in html and "Schools draft" not in html
    # A theme only French consultations carry is French: marked in the filter and in the table by theme; one that
    # an English version carries too is not.
    assert re.search(r'<option value="marche" lang="fr">marche</option>', html)
    assert re.search(r'<option value="[^"]+">mobilité</option>', html)
    assert '<th scope="row"><span lang="fr">marche</span>' in html
