"""The report answers each contribution: decisions counted from the records, the list (50 a page, searched and
filtered with a plain GET form), a page per contribution at its reference, "find my contribution" and its 404, and
query counts that do not grow from 50 to 5,000 contributions."""

import datetime
import re
from types import SimpleNamespace

import pytest
from taggit.models import Tag
from wagtail import hooks

from consultations import extensions
from consultations.models import ConsultationEvent, Contribution
from tests.factories import (
    ConsultationPageFactory,
    ConsultationReportPageFactory,
    ContributionFactory,
    SharedAnswerFactory,
    at,
)
from tests.test_query_budget import COLD_BUDGET, go_cold
from tests.utils import visible_text

pytestmark = pytest.mark.sqlite


def many_contributions(consultation, count, **fields):
    """`count` unanswered-or-not records in one query, as an import writes them."""
    Contribution.objects.bulk_create(
        Contribution(
            consultation=consultation,
            reference=f"BULK-{number:05d}",
            submitted_on=datetime.date(2025, 3, 1),
            title=f"Idée numéro {number}",
            body="Un banc à l'ombre près de l'arrêt de bus.",
            **fields,
        )
        for number in range(1, count + 1)
    )


@pytest.fixture
def consultation(index_page):
    page = ConsultationPageFactory(
        parent=index_page,
        slug="velo",
        phases=[(datetime.date(2025, 1, 1), datetime.date(2025, 3, 1))],
        events=[
            {
                "title": "Atelier des quais",
                "kind": ConsultationEvent.WORKSHOP,
                "start": at(2025, 2, 10),
                "end": at(2025, 2, 10, 20),
                "address": "1 quai Exemple",
            }
        ],
    )
    page.themes.add("pistes", "stationnement")
    page.save_revision().publish()
    return page


@pytest.fixture
def answered(consultation):
    """Five records: one per decision but "adapted", two sharing one answer, one in English, one made in person."""
    pistes, stationnement = Tag.objects.get(name="pistes"), Tag.objects.get(name="stationnement")
    shared = SharedAnswerFactory(consultation=consultation, title="Les pistes sur les grands axes")
    workshop = consultation.events.get()
    made = SimpleNamespace(
        kept=ContributionFactory(
            consultation=consultation,
            reference="PM-0001",
            title="Une piste sur les quais",
            theme=pistes,
            decision=Contribution.KEPT,
        ),
        shared_1=ContributionFactory(
            consultation=consultation,
            reference="PM-0002",
            title="Piste rue Nationale",
            theme=pistes,
            decision=Contribution.NOT_KEPT,
            shared_answer=shared,
        ),
        shared_2=ContributionFactory(
            consultation=consultation,
            reference="PM-0003",
            title="Piste avenue de la Gare",
            theme=pistes,
            decision=Contribution.NOT_KEPT,
            shared_answer=shared,
        ),
        english=ContributionFactory(
            consultation=consultation,
            reference="PM-0004",
            title="Bike racks at the station",
            body="Covered bike racks at the main station, please.",
            language="en",
            theme=stationnement,
            decision=Contribution.UNDER_STUDY,
            reason="Une étude des gares est lancée ; réponse au printemps.",
        ),
        in_person=ContributionFactory(
            consultation=consultation,
            reference="AT-0001",
            title="Un atelier de réparation",
            channel=Contribution.IN_PERSON,
            event=workshop,
            decision=Contribution.OUT_OF_SCOPE,
            reason="La réparation relève des associations, que la Métropole soutient par ailleurs.",
        ),
    )
    made.report = ConsultationReportPageFactory(
        parent=consultation, contributions_online=1214, contributions_in_person=1
    )
    return made


def test_the_report_counts_the_decisions_from_the_records(client, answered):
    response = client.get(answered.report.url)
    text = visible_text(response)
    for line in ["Retenue : 1", "Adaptée : 0", "Non retenue : 2", "Hors sujet : 1", "Encore à l’étude : 1"]:
        assert line in text
    assert "5 contributions sont enregistrées" in text
    assert "Bilan partiel" not in text  # every record has a decision
    html = response.content.decode()
    assert f'href="{answered.report.url}contributions/"' in html
    assert 'class="report-responses"' not in html  # the typed rows are gone: the records answer


def test_the_participation_table_comes_from_the_records_and_says_what_typed_figures_count(client, answered):
    html = client.get(answered.report.url).content.decode()
    table = html.split('class="report-channels"')[1].split("</table>")[0]
    assert re.findall(r"<td>([^<]*)</td>", table) == ["4", "1", "0", "0", "5"]
    text = visible_text(type("R", (), {"content": html.encode()}))
    assert (
        "1 214 contributions en ligne saisies dans le bilan : ce chiffre peut compter des commentaires, des soutiens "
        "ou des contributions non enregistrées ; 4 sont enregistrées une à une ici" in text
    )
    assert "contributions en personne saisies" not in text  # 1 typed, 1 recorded: they agree


def test_the_list_pages_fifty_at_a_time(client, consultation):
    many_contributions(consultation, 120)
    report = ConsultationReportPageFactory(parent=consultation)
    first = client.get(f"{report.url}contributions/")
    assert first.status_code == 200
    html = first.content.decode()
    assert html.count('class="contribution-card"') == 50
    assert "120 contributions trouvées" in visible_text(first) and "Page 1 sur 3" in visible_text(first)
    last = client.get(f"{report.url}contributions/?page=3")
    assert last.content.decode().count('class="contribution-card"') == 20
    assert "BULK-00120" in visible_text(last)
    assert client.get(f"{report.url}contributions/?page=oups").status_code == 200  # a bad page number: page 1


def test_search_by_reference_or_words_and_filters_keep_what_was_typed(client, answered):
    url = f"{answered.report.url}contributions/"
    text = visible_text(client.get(url, {"q": "pm 0002"}))
    assert "1 contribution trouvée" in text and "Piste rue Nationale" in text
    response = client.get(url, {"q": "avenue gare"})
    assert "1 contribution trouvée" in visible_text(response) and "Piste avenue de la Gare" in visible_text(response)
    assert 'value="avenue gare"' in response.content.decode()
    text = visible_text(client.get(url, {"decision": "not_kept"}))
    assert "2 contributions trouvées" in text
    text = visible_text(client.get(url, {"theme": "stationnement"}))
    assert "1 contribution trouvée" in text and "Bike racks at the station" in text
    response = client.get(url, {"channel": "in_person", "decision": "out_of_scope"})
    assert "Un atelier de réparation" in visible_text(response)
    html = response.content.decode()
    assert '<option value="in_person" selected>' in html and '<option value="out_of_scope" selected>' in html
    assert '<label for="id_q">Référence ou mots</label>' in html
    empty = client.get(url, {"q": "téléphérique"})
    assert empty.status_code == 200
    assert "Aucune contribution ne correspond à cette recherche ou à ces filtres." in visible_text(empty)
    wrong = client.get(url, {"decision": "peut-être", "channel": "pigeon"})
    assert wrong.status_code == 200 and "5 contributions trouvées" in visible_text(wrong)
    assert "Sélectionnez un choix valide" in visible_text(wrong)


def test_a_contribution_has_its_own_page(client, answered):
    report = answered.report
    response = client.get(f"{report.url}contributions/PM-0002/")
    assert response.status_code == 200
    text = visible_text(response)
    assert "Contribution PM-0002" in text and "Piste rue Nationale" in text
    assert "Décision : Non retenue" in text
    assert "Réponse commune : Les pistes sur les grands axes" in text
    assert "Les pistes séparées sont prévues sur les axes principaux" in text
    shared_id = answered.shared_1.shared_answer_id
    assert f'href="{report.url}contributions/?shared={shared_id}"' in response.content.decode()
    sharing = visible_text(client.get(f"{report.url}contributions/", {"shared": shared_id}))
    assert "2 contributions trouvées" in sharing and "PM-0003" in sharing and "PM-0001" not in sharing

    english = client.get(f"{report.url}contributions/PM-0004/").content.decode()
    assert re.search(r'<[^>]+lang="en"[^>]*>\s*Covered bike racks at the main station, please.', english)
    assert "Encore à l’étude" in english and "Une étude des gares est lancée" in english

    in_person = client.get(f"{report.url}contributions/AT-0001/")
    text = visible_text(in_person)
    assert "En personne – Atelier des quais (10 février 2025)" in text
    assert f'href="{answered.report.get_parent().url}evenements/' in in_person.content.decode()
    # Typed in lower case: the one address of the contribution.
    redirect = client.get(f"{report.url}contributions/pm-0002/")
    assert redirect.status_code == 302 and redirect["Location"] == f"{report.url}contributions/PM-0002/"


def test_a_contribution_shows_what_is_carried_out_for_it(client, answered):
    result = SimpleNamespace(
        title="Piste des quais, tranche 1", status="En travaux", progress=40, url="https://x.test/r/1"
    )

    def results(ids):
        return {answered.kept.pk: [result]} if answered.kept.pk in ids else {}

    with hooks.register_temporarily(extensions.CONTRIBUTION_RESULTS, results):
        text = visible_text(client.get(f"{answered.report.url}contributions/PM-0001/"))
        listing = visible_text(client.get(f"{answered.report.url}contributions/"))
    assert "Ce qui est réalisé" in text and "Piste des quais, tranche 1" in text and "En travaux" in text
    assert "40 %" in text
    assert "Piste des quais, tranche 1" in listing


def test_find_my_contribution_goes_straight_to_it_or_says_what_a_reference_is(client, answered):
    consultation_html = client.get(answered.report.get_parent().url).content.decode()
    assert f'action="{answered.report.url}contributions/"' in consultation_html
    assert '<label for="find-reference">Sa référence</label>' in consultation_html
    response = client.get(f"{answered.report.url}contributions/", {"reference": " n° pm 0003 "})
    assert response.status_code == 302 and response["Location"] == f"{answered.report.url}contributions/PM-0003/"
    missing = client.get(f"{answered.report.url}contributions/", {"reference": "PM-9999"})
    assert missing.status_code == 404
    text = visible_text(missing)
    assert "Aucune contribution de cette concertation n'a la référence « PM-9999 »." in text
    assert "par exemple PM-0142" in text and "récépissé" in text
    assert 'value="PM-9999"' in missing.content.decode() and 'aria-invalid="true"' in missing.content.decode()
    assert client.get(f"{answered.report.url}contributions/XX-1/").status_code == 404
    assert client.get(f"{answered.report.url}contributions/", {"reference": '"<script>'}).status_code == 404


def test_a_partial_report_says_so_on_the_list(client, consultation):
    ContributionFactory(consultation=consultation, decision=Contribution.KEPT)
    ContributionFactory(consultation=consultation)
    report = ConsultationReportPageFactory(parent=consultation, published_as_partial=True)
    text = visible_text(client.get(f"{report.url}contributions/"))
    assert "Bilan partiel : 1 contribution sur 2 a reçu sa réponse à ce jour." in text
    assert "Pas encore de décision" in text
    only_waiting = visible_text(client.get(f"{report.url}contributions/", {"decision": "none"}))
    assert "1 contribution trouvée" in only_waiting


def test_each_language_has_its_route_words(client, answered, home_page_en, locales, translate_page):
    index_en = translate_page(answered.report.get_parent().get_parent(), locales["en"], title="Consultations")
    consultation_en = translate_page(answered.report.get_parent().specific, locales["en"], title="Cycling")
    report_en = translate_page(answered.report, locales["en"], title="Report")
    assert index_en and consultation_en
    response = client.get(f"{report_en.url}contributions/PM-0004/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Contribution PM-0004" in visible_text(response)
    assert not re.search(r'lang="en"[^>]*>\s*Covered', html)  # in the page's language: no marking
    assert re.search(r'lang="fr"', html.split("<main", 1)[1])  # the French records are marked on the English page
    nl = locales.get("nl")
    if nl is not None:
        translate_page(answered.report.get_parent().get_parent().get_parent(), nl, title="Thuis")
        translate_page(answered.report.get_parent().get_parent(), nl, title="Inspraak")
        translate_page(answered.report.get_parent().specific, nl, title="Fietsen")
        report_nl = translate_page(answered.report, nl, title="Verslag")
        assert client.get(f"{report_nl.url}bijdragen/").status_code == 200
        assert f'action="{report_nl.url}bijdragen/"' in client.get(report_nl.url).content.decode()


@pytest.mark.parametrize("path", ["contributions/", "contributions/?q=banc&decision=none", "contributions/BULK-00040/"])
def test_queries_do_not_grow_from_50_to_5000_contributions(client, index_page, django_assert_max_num_queries, path):
    counts = []
    for size in (50, 5000):
        consultation = ConsultationPageFactory(parent=index_page, slug=f"taille-{size}")
        many_contributions(consultation, size)
        report = ConsultationReportPageFactory(parent=consultation)
        client.get(report.url + path)
        go_cold()
        with django_assert_max_num_queries(COLD_BUDGET, info=f"{path} with {size} contributions, cold") as queries:
            response = client.get(report.url + path)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
