"""The demo content: every status (one overdue), events with minutes, a draw, full reports whose contribution records
agree with their figures and are all answered, an English version of the closed cycling network and a Dutch one of
the open walking plan (that seeding twice changes nothing, records included, is tested once, in
tests/site_core/test_settings_and_commands.py)."""

import hashlib
import io
import re
from collections import Counter

import pypdf
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.formats import date_format

from charter_pages.models import Commitment
from consultations import demo_content as consultations_demo
from consultations import status as statuses
from consultations.decidim.models import ImplementationResult
from consultations.label.codes import grouped_code
from consultations.label.models import LabelAward, LabelPage
from consultations.label.uploads import FIELD_NAME
from consultations.models import (
    ConsultationEvent,
    ConsultationPage,
    ConsultationReportPage,
    Contribution,
    RandomDraw,
)
from consultations.models.contribution import contributions_of, is_placeholder
from site_core import demo
from tests.languages import french_left_in, text_in_language
from tests.utils import visible_text


def test_demo_covers_every_status(demo_site, client):
    french = list(ConsultationPage.objects.live().filter(locale__language_code="fr"))
    assert len(french) >= 6
    codes = [page.status.code for page in french]
    for code in (statuses.UPCOMING, statuses.OPEN, statuses.ANALYSIS, statuses.REPORT, statuses.OVERDUE):
        assert code in codes
    assert codes.count(statuses.OVERDUE) == 1

    walk = ConsultationPage.objects.get(slug="plan-marche", locale__language_code="fr")
    kinds = {event.kind for event in walk.events.all()}
    assert {"exploratory_walk", "pitch_event", "open_forum"} <= kinds
    assert any(event.has_minutes for event in walk.events.all())
    draw = RandomDraw.objects.get(consultation=walk)
    assert draw.is_verified

    english = ConsultationPage.objects.get(locale__language_code="en")
    assert english.status.code == statuses.REPORT
    report = ConsultationReportPage.objects.get(locale__language_code="en")
    assert contributions_of(report.get_parent().specific).count() == 1445
    assert "Report of the consultation" in report.title
    response = client.get(english.url)
    assert response.status_code == 200
    assert "Report published" in response.content.decode()

    # The cycling network's Decidim export: its report shows what is being implemented, in both languages, and the
    # consultation page names the process.
    cycling = ConsultationPage.objects.get(slug="reseau-express-velo", locale__language_code="fr")
    assert ImplementationResult.objects.filter(consultation=cycling).count() == 3
    french_report = ConsultationReportPage.objects.child_of(cycling).get()
    html = client.get(french_report.url).content.decode()
    assert '<h2 id="implementation-title">Mise en œuvre</h2>' in html
    assert "La ligne 2 par les quais du canal" in html
    assert "35\xa0% <progress" in html
    html = client.get(report.url).content.decode()
    assert '<h2 id="implementation-title">Implementation</h2>' in html
    assert '<span lang="fr">La ligne 2 par les quais du canal</span>' in html
    assert "« Réseau express vélo : le tracé des cinq lignes »" in client.get(cycling.url).content.decode()


def french_reports():
    reports = list(ConsultationReportPage.objects.live().filter(locale__language_code="fr"))
    assert len(reports) == 4  # the cycling network and the label's three earlier consultations
    return [(report, report.get_parent().specific) for report in reports]


def test_each_demo_report_has_as_many_records_as_its_figures_say_by_channel(demo_site):
    for report, consultation in french_reports():
        records = contributions_of(consultation)
        channels = Counter(records.values_list("channel", flat=True))
        # Online: the platform's proposals. In person (the report's offline figure): at the events, plus the letters,
        # e-mails and paper questionnaires, which the report's organisation text counts with them.
        assert channels[Contribution.ONLINE] == report.contributions_online, consultation.slug
        offline = channels[Contribution.IN_PERSON] + channels[Contribution.WRITTEN] + channels[Contribution.OTHER]
        assert offline == report.contributions_in_person, consultation.slug
        # Each event's own count is the number of records made at it.
        at_events = Counter(records.exclude(event=None).values_list("event__title", flat=True))
        held = {event.title: event.contributions_count for event in consultation.events.all() if event.is_past()}
        assert at_events == {title: count for title, count in held.items() if count}, consultation.slug
        assert channels[Contribution.IN_PERSON] == sum(at_events.values())
        assert not records.filter(channel=Contribution.IN_PERSON, event=None).exists()


def test_every_demo_contribution_is_answered_with_a_reason_where_one_is_owed(demo_site):
    reported = [consultation.pk for _report, consultation in french_reports()]
    records = Contribution.objects.filter(consultation__in=reported).select_related("shared_answer", "consultation")
    records = list(records)
    assert len(records) == 1445 + 494 + 275 + 850
    decisions = Counter(record.decision for record in records)
    assert set(decisions) == {"kept", "adapted", "not_kept", "out_of_scope", "under_study"}
    for record in records:
        if record.decision != Contribution.KEPT:
            assert not is_placeholder(record.answer_text), record.reference
        if record.shared_answer_id:
            assert record.shared_answer.consultation_id == record.consultation_id
        assert record.answered_on is not None
    # Some are answered one by one, many through the shared answer of their subject; a few are still being studied,
    # and say until when.
    own = [record for record in records if record.reason]
    assert 30 <= len(own) < len(records) // 10
    under_study = [record for record in records if record.decision == Contribution.UNDER_STUDY]
    assert 0 < len(under_study) < len(records) // 10
    assert all("jusqu'en" in record.answer_text for record in under_study)
    assert all(not is_placeholder(record.body) and record.title for record in records)


def test_the_cycling_network_report_answers_hundreds_of_varied_contributions(demo_site):
    cycling = ConsultationPage.objects.get(slug="reseau-express-velo", locale__language_code="fr")
    records = contributions_of(cycling).select_related("theme")
    assert records.count() >= 300
    themes = {record.theme.name for record in records}
    assert len(themes) >= 3 and themes <= {tag.name for tag in cycling.themes.all()}
    assert len({record.channel for record in records}) >= 3
    assert {"en", "nl"} <= {record.language for record in records}
    # Kept or adapted: the share the "co-built" label level asks for (at least a third).
    influential = records.filter(decision__in=Contribution.INFLUENTIAL_DECISIONS).count()
    assert influential * 3 >= records.count()
    # The proposals the Decidim export lists are these records, with their platform reference and address.
    proposal = records.get(reference="REV-PROP-4101")
    assert proposal.decidim_url.endswith("/proposals/4101") and proposal.decision == Contribution.KEPT
    assert max(len(record.title) for record in records) <= 90


def test_no_demo_record_repeats_a_text_or_shows_a_contact_or_an_unconsented_name(demo_site):
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    for _report, consultation in french_reports():
        records = list(contributions_of(consultation))
        bodies = [record.body for record in records]
        assert len(set(bodies)) == len(bodies), consultation.slug
        prefixes = {record.reference.split("-")[0] for record in records}
        assert len(prefixes) == 1, consultation.slug
        for record in records:
            for text in (record.title, record.body, record.reason, record.author_name):
                assert not email.search(text), record.reference
            assert not record.author_name or record.author_consents_to_name
        named = [record for record in records if record.author_name]
        assert len(named) <= 3
    assert Contribution.objects.exclude(author_name="").count() >= 3


def test_each_demo_report_points_to_its_list_of_contributions_and_leaves_no_section_empty(demo_site, client):
    for report, consultation in french_reports():
        for field in ("project_reminder", "organisation", "heard", "delivered_impact", "reach_notes"):
            assert not is_placeholder(re.sub("<[^>]+>", "", getattr(report, field))), (consultation.slug, field)
        assert report.participants_informed and report.next_steps.exists(), consultation.slug
        html = client.get(report.url).content.decode()
        assert "ci-dessous" not in html
        assert '<a href="contributions/">la liste des contributions et de leurs réponses</a>' in html
        assert consultation.shared_answers.exists()
    english = ConsultationReportPage.objects.get(locale__language_code="en")
    html = client.get(english.url).content.decode()
    assert '<a href="contributions/">the list of contributions and their answers</a>' in html


def test_demo_pages_show_the_storys_dates_and_each_commitment_its_own_rule(demo_site, client):
    """The demo's consultations were put online on the day they were announced and their reports on their own
    days, in every language: the pages show those dates, never the seeding day."""
    today = timezone.localdate()
    for page in ConsultationPage.objects.live():
        assert page.announced_on is not None and page.announced_on < page.launch_date, page.slug
        assert timezone.localdate(page.first_published_at) == page.announced_on, page.slug
        assert timezone.localdate(page.last_published_at) <= today
    gardens = ConsultationPage.objects.get(slug="jardins-partages")
    report = ConsultationReportPage.objects.child_of(gardens).get()
    published = timezone.localdate(report.first_published_at)
    assert (published - gardens.answer_due_date).days == 15
    for english in ConsultationReportPage.objects.filter(locale__language_code="en"):
        source = ConsultationReportPage.objects.get(translation_key=english.translation_key, locale__language_code="fr")
        assert english.first_published_at == source.first_published_at
    text = visible_text(client.get("/fr/charte/engagements/1/"))
    assert f"Jardins partagés en ville (ouverte le {date_format(gardens.launch_date)}, publiée le " in text
    assert f"publiée le {date_format(gardens.announced_on)}) : annoncée 22 jours avant l'ouverture" in text
    assert f"publiée le {date_format(today)}" not in text
    assert "La règle : Tenu si chaque concertation qui l'applique a été annoncée au moins 21 jours" in text
    # Commitment 2 is about the announced impact: every demo consultation applies it and fills it in.
    assert "Cet engagement est-il tenu ? Tenu – 9 sur 9 concertations" in visible_text(
        client.get("/fr/charte/engagements/2/")
    )
    ruled = set(Commitment.objects.exclude(measure_rule="").values_list("number", flat=True))
    assert ruled == {1, 2, 3, 4, 6, 7, 8, 10, 13}


def dutch_version_pairs():
    """(field name, French, Dutch) texts of the walking plan's Dutch version in the demo data, its index's included; a
    name the Dutch keeps as it is (a venue's) is left out."""
    data = demo.load_data(consultations_demo.DATA)
    spec = next(spec for spec in data["consultations"] if spec["slug"] == "plan-marche")
    dutch = spec["nl"]
    pairs = [
        (name, data["index"][name], data["index"]["nl"][name]) for name in ("title", "introduction", "listing_summary")
    ]
    pairs += [(name, spec["fields"][name], value) for name, value in dutch["fields"].items()]
    for french_rows, dutch_rows in ((spec["phases"], dutch["phases"]), (spec["events"], dutch["events"])):
        assert len(french_rows) == len(dutch_rows)
        for french, translated in zip(french_rows, dutch_rows, strict=True):
            pairs += [(name, french.get(name, ""), value) for name, value in translated.items()]
    return [(name, french, dutch) for name, french, dutch in pairs if french and french != dutch]


def test_the_open_walking_plan_has_a_live_dutch_version_with_its_phases_events_and_commitments(demo_site):
    french = ConsultationPage.objects.get(slug="plan-marche", locale__language_code="fr")
    assert french.status.code == statuses.OPEN
    dutch = ConsultationPage.objects.live().get(translation_key=french.translation_key, locale__language_code="nl")
    assert dutch.url == "/nl/inspraak/wandelplan/"
    assert dutch.status.code == statuses.OPEN and dutch.answer_due_date == french.answer_due_date
    assert dutch.title == "Wandelplan: beter te voet door de metropool"
    assert list(dutch.phases.values_list("start_date", "end_date")) == list(
        french.phases.values_list("start_date", "end_date")
    )
    assert list(dutch.events.values_list("kind", "start")) == list(french.events.values_list("kind", "start"))
    pairs = zip(dutch.events.order_by("sort_order"), french.events.order_by("sort_order"), strict=True)
    for translated, source in pairs:
        for name in ("title", "description", "minutes_summary", "public_transport", "access_notes"):
            assert getattr(translated, name) != getattr(source, name) or not getattr(source, name), name
    numbers = sorted(dutch.commitments.values_list("number", flat=True))
    assert numbers == sorted(french.commitments.values_list("number", flat=True)) == [1, 2, 4, 5, 7, 8]
    assert set(dutch.commitments.values_list("locale__language_code", flat=True)) == {"nl"}
    # Put online on the day it was announced, like the French page.
    assert dutch.first_published_at == french.first_published_at


def test_the_dutch_walking_plan_and_its_events_read_in_dutch(demo_site, client):
    dutch = ConsultationPage.objects.get(slug="wandelplan", locale__language_code="nl")
    index = dutch.get_parent()
    # The home page shows the index's summary, the index the consultation's.
    paths = [dutch.url, index.url, index.get_parent().url]
    paths += [dutch.url + dutch.reverse_subpage("event", args=[event.pk]).lstrip("/") for event in dutch.events.all()]
    pairs = dutch_version_pairs()
    assert len(pairs) > 30
    read = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert '<html lang="nl"' in html, path
        text = text_in_language(html, "nl")
        assert french_left_in(text) == [], path
        for _name, french, _dutch in pairs:
            assert " ".join(french.split()) not in text, (path, french)
        read.append(text)
    # Every Dutch text of the data is read on one of them (the index's, the page's, each event's); the page's listing
    # summary is for search results and feeds, how to get to an event is shown until it is held.
    for name, _french, translated in pairs:
        if name not in ("listing_summary", "public_transport", "access_notes"):
            assert any(" ".join(translated.split()) in text for text in read), translated
    forum = dutch.events.get(kind="open_forum")
    assert any(forum.public_transport in text and forum.access_notes in text for text in read)


def test_the_walking_plans_draw_stays_as_it_was_made_and_is_marked_french_on_the_dutch_page(demo_site, client):
    """A draw is made once: its published list and fingerprint cannot be translated. The Dutch page shows the
    same draw, each of its French texts marked as French for screen readers."""
    dutch = ConsultationPage.objects.get(slug="wandelplan", locale__language_code="nl")
    draw = RandomDraw.objects.get(consultation__translation_key=dutch.translation_key)
    html = client.get(dutch.url).content.decode()
    assert f'<h3 id="draw-{draw.pk}-title" lang="fr">{draw.title}</h3>' in html
    assert '<ol class="draw-result" lang="fr">' in html
    assert draw.population_fingerprint in html
    assert "Lotingen" in text_in_language(html, "nl")


def test_each_demo_event_has_a_title_place_and_access_of_its_own(demo_site):
    events = ConsultationEvent.objects.filter(locale__language_code="fr").select_related("page")
    assert events.count() >= 25
    titles = Counter((event.page_id, event.title) for event in events)
    assert max(titles.values()) == 1
    # Each meeting held has minutes of its own, not one sentence shared by all.
    minutes = Counter(event.minutes_summary for event in events if event.minutes_summary)
    assert max(minutes.values()) == 1
    for event in events:
        where = (event.page.slug, event.title)
        assert not re.search(r"\bRencontre \d+", event.title), where
        if event.format == ConsultationEvent.ONLINE:
            assert event.online_url, where
            continue
        # A street address and a commune of the demo, after its postcode.
        assert event.place_name and re.search(r"\b59\d{3} [A-Z]", event.address), where
        assert event.step_free_access or event.access_notes, where


def test_each_demo_consultation_asks_its_own_question(demo_site):
    questions = list(ConsultationPage.objects.filter(locale__language_code="fr").values_list("question", flat=True))
    assert len(questions) >= 9 and len(set(questions)) == len(questions)
    assert "Qu'attendez-vous de ce projet ?" not in questions
    for name in ("summary", "impact_open", "impact_closed"):
        values = list(ConsultationPage.objects.filter(locale__language_code="fr").values_list(name, flat=True))
        assert len(set(values)) == len(values), name


def test_every_demo_report_lists_dated_next_steps_in_every_language(demo_site, client):
    reports = ConsultationReportPage.objects.live().select_related("locale")
    assert {report.locale.language_code for report in reports} >= {"fr", "en"}
    for report in reports:
        steps = list(report.next_steps.all())
        assert steps and all(step.description.strip() and step.due_date for step in steps), report.url_path
        html = client.get(report.url).content.decode()
        section = html[html.index('id="next-steps"') : html.index("</section>", html.index('id="next-steps"'))]
        assert section.count("<li>") >= len(steps), report.url_path


def test_every_labelled_demo_document_is_a_multi_page_act_carrying_its_badge(demo_site, client):
    awards = LabelAward.objects.filter(locale__language_code="fr").select_related("document", "level")
    assert awards.count() == 4
    for award in awards:
        with award.document.open_file() as file:
            content = file.read()
        assert hashlib.sha256(content).hexdigest() == award.document_sha256
        reader = pypdf.PdfReader(io.BytesIO(content))
        assert len(reader.pages) >= 2, award.document_title
        pages = [" ".join(page.extract_text().split()) for page in reader.pages]
        text = " ".join(pages)
        # Its title page: the authority, the act's kind and number, the label's level and verification code.
        assert "Métropole du Val de Marque" in pages[0] and award.document_reference in pages[0]
        assert f"niveau « {award.level.name} »" in pages[0] and grouped_code(award.code) in pages[0]
        assert "Vu le code général des collectivités territoriales" in text and "Considérant" in text
        assert "Article 1er" in text and "Article 3" in text
        assert "fictive" not in text and "Exemple" not in text
        # The verification page says that this very file is the labelled document.
        label_page = LabelPage.objects.get(locale__language_code="fr")
        upload = SimpleUploadedFile("document.pdf", content, content_type="application/pdf")
        response = client.post(label_page.document_check_url(None, award.code), {FIELD_NAME: upload})
        assert response.status_code == 200
        assert "Oui : ce fichier est le document labellisé" in visible_text(response), award.document_title
