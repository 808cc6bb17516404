"""Following a consultation, a theme or a territory: double opt-in, what is sent and when, leaving, privacy.

Real components throughout: the messages go through Django's SMTP backend to an SMTP server in this process
(conftest.py), and through the followers' task queue emptied by django-tasks-db's own worker. The worker needs
committed rows, so these tests run in transactions of their own (serialized_rollback keeps Wagtail's initial
rows)."""

import datetime
import re

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation

from consultations.follow import links, sweep
from consultations.follow.models import Delivery, Follow, Follower, Notice
from consultations.models import ConsultationEvent
from tests.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    ConsultationReportPageFactory,
    ContributionFactory,
    HomePageFactory,
    site_locales,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TODAY = datetime.date(2026, 3, 10)


def at(day, hour=18):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def clock():
    with time_machine.travel(at(TODAY, 10), tick=True) as traveller:
        yield traveller


@pytest.fixture
def consultation(clock):
    site_locales()
    home = HomePageFactory()
    index = ConsultationIndexPageFactory(parent=home)
    return ConsultationPageFactory(
        parent=index,
        slug="plan-velo",
        title="Plan vélo",
        phases=[(TODAY - datetime.timedelta(days=3), TODAY + datetime.timedelta(days=40))],
        answer_due_date=TODAY + datetime.timedelta(days=90),
        events=[
            {
                "title": "Atelier du centre",
                "kind": ConsultationEvent.WORKSHOP,
                "start": at(TODAY + datetime.timedelta(days=10)),
                "end": at(TODAY + datetime.timedelta(days=10), 20),
                "place_name": "Salle des fêtes",
                "address": "1 place de la Mairie, 59000 Lille",
            }
        ],
    )


def follow(client, consultation, address, language="fr", **extra):
    data = {"kind": "consultation", "key": str(consultation.translation_key), "email": address, "language": language}
    return client.post(reverse("follow:follow"), {**data, **extra})


def subject(message):
    return " ".join(str(message["Subject"]).split())


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def path_of(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def confirmation_path(message):
    return path_of(re.findall(r"https?://[^\s<>\"]+", text_of(message))[0])


def follow_and_confirm(client, consultation, smtp, run_worker, address, language="fr", **extra):
    follow(client, consultation, address, language, **extra)
    run_worker()
    message = smtp.mailbox.to(address)[-1]
    path = confirmation_path(message)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    smtp.mailbox.clear()
    return Follower.objects.get(email=address)


def publish_report(consultation, **fields):
    return ConsultationReportPageFactory(parent=consultation, **fields)


def test_nothing_but_the_confirmation_before_the_link_is_followed(client, consultation, smtp, run_worker):
    response = follow(client, consultation, "Camille@Example.org", "en")
    assert response.status_code == 200
    assert "Consultez votre messagerie" in response.content.decode()
    run_worker()
    [message] = smtp.mailbox.to("camille@example.org")
    assert subject(message) == "Confirm that you want to follow “Plan vélo”"
    assert "/en/follow/confirm/" in text_of(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    publish_report(consultation)
    run_worker()
    assert len(smtp.mailbox.to("camille@example.org")) == 1  # the report told nobody unconfirmed
    assert not Delivery.objects.exists()


def test_the_form_answers_the_same_whatever_the_address(client, consultation, smtp, run_worker):
    known = follow_and_confirm(client, consultation, smtp, run_worker, "known@example.org")
    answers = []
    for address in ("known@example.org", "new@example.org"):
        body = follow(client, consultation, address).content.decode()
        answers.append(body.replace(address, "ADDRESS"))
    assert answers[0] == answers[1]
    assert Follower.objects.get(pk=known.pk).confirmed_at is not None


def test_the_report_is_told_once_in_each_follower_language_with_their_own_answers_first(
    client, consultation, smtp, run_worker
):
    ContributionFactory(consultation=consultation, reference="PM-0142", title="Piste rue Nationale", decision="kept")
    follow_and_confirm(client, consultation, smtp, run_worker, "nl@example.org", "nl")
    follow_and_confirm(client, consultation, smtp, run_worker, "fr@example.org", "fr", references="pm-0142")
    report = publish_report(consultation)
    report.save_revision().publish()  # published again: still one message each
    run_worker()
    [dutch] = smtp.mailbox.to("nl@example.org")
    [french] = smtp.mailbox.to("fr@example.org")
    assert subject(dutch) == "„Plan vélo”: het verslag is gepubliceerd"
    assert subject(french) == "« Plan vélo » : le bilan est publié"
    french_text = text_of(french)
    assert french_text.index("PM-0142") < french_text.index("/fr/")
    assert "retenue" in french_text
    assert "PM-0142" not in text_of(dutch)
    html = french.get_body(preferencelist=("html",)).get_content()
    assert '<html lang="fr">' in html and "PM-0142" in html
    assert "List-Unsubscribe=One-Click" == french["List-Unsubscribe-Post"]
    assert str(french["List-Unsubscribe"]).strip().startswith("<http://testserver/fr/suivre/desabonnement/")


def test_events_added_moved_and_cancelled_are_told(client, consultation, smtp, run_worker):
    follow_and_confirm(client, consultation, smtp, run_worker, "a@example.org")
    page = consultation.get_latest_revision_as_object()
    events = list(page.events.all())
    events[0].start += datetime.timedelta(days=1)
    events[0].end += datetime.timedelta(days=1)
    walk = ConsultationEvent(
        title="Balade exploratoire",
        kind=ConsultationEvent.EXPLORATORY_WALK,
        start=at(TODAY + datetime.timedelta(days=20), 10),
        end=at(TODAY + datetime.timedelta(days=20), 12),
        address="Parvis de la gare",
    )
    page.events = [*events, walk]
    page.save_revision().publish()
    run_worker()
    subjects = sorted(subject(message) for message in smtp.mailbox.to("a@example.org"))
    assert subjects == ["« Plan vélo » : une nouvelle rencontre", "« Plan vélo » : une rencontre change"]
    smtp.mailbox.clear()

    page = consultation.get_latest_revision_as_object()
    events = list(page.events.all())
    for event in events:
        event.cancelled = event.title == "Balade exploratoire"
    page.events = events
    page.save_revision().publish()
    page.save_revision().publish()
    run_worker()
    [cancelled] = smtp.mailbox.to("a@example.org")
    assert subject(cancelled) == "« Plan vélo » : une rencontre est annulée"
    assert "Balade exploratoire" in text_of(cancelled)


def test_the_late_answer_is_told_without_any_editor_and_again_every_30_days(client, consultation, smtp, run_worker):
    follow_and_confirm(client, consultation, smtp, run_worker, "a@example.org", "en")
    due = consultation.answer_due_date
    with time_machine.travel(at(due, 12)):
        sweep.run()
        run_worker()
        assert not [m for m in smtp.mailbox.to("a@example.org") if "late" in subject(m)]
    for days_after, expected in ((1, 1), (2, 1), (29, 1), (31, 2), (45, 2)):
        with time_machine.travel(at(due + datetime.timedelta(days=days_after), 12)):
            sweep.run()
            run_worker()
        late = [m for m in smtp.mailbox.to("a@example.org") if subject(m) == "“Plan vélo”: the answer is late"]
        assert len(late) == expected, days_after
    assert "31 days later, the report is not published" in text_of(late[-1])


def test_no_late_message_once_the_report_is_out(client, consultation, smtp, run_worker):
    follow_and_confirm(client, consultation, smtp, run_worker, "a@example.org")
    publish_report(consultation)
    with time_machine.travel(at(consultation.answer_due_date + datetime.timedelta(days=3), 12)):
        sweep.run()
    assert not Notice.objects.filter(kind=Notice.LATE).exists()


def test_the_opening_is_told_by_the_sweep_once(client, consultation, smtp, run_worker):
    follow_and_confirm(client, consultation, smtp, run_worker, "a@example.org")
    sweep.run()
    sweep.run()
    run_worker()
    [opened] = smtp.mailbox.to("a@example.org")
    assert subject(opened) == "« Plan vélo » est ouverte : vous pouvez participer"


def test_leaving_by_the_link_and_by_the_one_click_post(client, consultation, smtp, run_worker):
    first = follow_and_confirm(client, consultation, smtp, run_worker, "first@example.org")
    second = follow_and_confirm(client, consultation, smtp, run_worker, "second@example.org")
    leave = reverse("follow:leave", args=[links.manage_token(first)])
    page = client.get(leave)
    assert "first@example.org" in page.content.decode()
    assert Follower.objects.filter(pk=first.pk).exists()  # opening the link deletes nothing
    assert client.post(leave, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Follower.objects.filter(pk=first.pk).exists()
    assert not Follow.objects.filter(follower_id=first.pk).exists()

    # RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click" to the header's address, without a CSRF token.
    one_click = path_of(links.leave_url(second))
    response = client.post(one_click, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not Follower.objects.exists()
    publish_report(consultation)
    run_worker()
    assert smtp.mailbox.messages == []


def test_unconfirmed_addresses_are_purged_after_the_confirmation_period(client, consultation, smtp, run_worker):
    follow(client, consultation, "forgotten@example.org")
    kept = follow_and_confirm(client, consultation, smtp, run_worker, "kept@example.org")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        sweep.run()
    assert list(Follower.objects.values_list("email", flat=True)) == [kept.email]


def test_an_expired_or_forged_confirmation_link_confirms_nothing(client, consultation, smtp, run_worker):
    follow(client, consultation, "late@example.org")
    run_worker()
    path = confirmation_path(smtp.mailbox.to("late@example.org")[0])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        response = client.post(path)
    assert response.status_code == 410
    assert "Ce lien a expiré" in response.content.decode()
    forged = reverse("follow:confirm", args=[signing.dumps([1, "guess"], salt="other")])
    assert client.post(forged).status_code == 410
    assert not Follow.objects.filter(confirmed_at__isnull=False).exists()


def test_requests_are_rate_limited_per_client_and_per_address(client, consultation, smtp, run_worker, settings):
    settings.PACTE_FOLLOW_REQUESTS_PER_CLIENT_PER_HOUR = 5
    for _ in range(5):
        assert follow(client, consultation, "target@example.org").status_code == 200
    assert follow(client, consultation, "other@example.org").status_code == 429
    run_worker()
    assert len(smtp.mailbox.to("target@example.org")) == 3  # PACTE_FOLLOW_CONFIRMATIONS_PER_ADDRESS_PER_DAY
    assert smtp.mailbox.to("other@example.org") == []


def test_smtp_down_then_up_loses_nothing_and_sends_once(client, consultation, smtp, run_worker):
    follow_and_confirm(client, consultation, smtp, run_worker, "a@example.org")
    follow_and_confirm(client, consultation, smtp, run_worker, "b@example.org")
    smtp.stop()
    publish_report(consultation)
    run_worker()
    assert set(Delivery.objects.values_list("status", "attempts")) == {("pending", 1)}
    smtp.start()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        run_worker()  # the retry, deferred until then
        sweep.run()  # finds nothing lost (and tells of the opening)
        run_worker()
    for address in ("a@example.org", "b@example.org"):
        reports = [m for m in smtp.mailbox.to(address) if subject(m) == "« Plan vélo » : le bilan est publié"]
        assert len(reports) == 1
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def test_a_weekly_digest_instead_of_one_message_each(client, consultation, smtp, run_worker):
    follow_and_confirm(client, consultation, smtp, run_worker, "weekly@example.org", digest="on")
    sweep.run()  # the opening
    publish_report(consultation)
    run_worker()
    assert smtp.mailbox.to("weekly@example.org") == []
    sweep.run()
    [digest] = smtp.mailbox.to("weekly@example.org")
    assert "2" in subject(digest)
    assert "le bilan est publié" not in subject(digest)
    sweep.run()
    assert len(smtp.mailbox.to("weekly@example.org")) == 1  # not again before a week


def test_my_data_export_and_deletion(client, consultation, smtp, run_worker):
    follower = follow_and_confirm(client, consultation, smtp, run_worker, "me@example.org", references="PM-0001")
    page = reverse("follow:my_data", args=[links.manage_token(follower)])
    assert "me@example.org" in client.get(page).content.decode()
    export = client.post(reverse("follow:my_data_export", args=[links.manage_token(follower)]))
    data = export.json()
    assert data["email"] == "me@example.org" and data["contribution_references"] == ["PM-0001"]
    assert data["follows"][0]["subject"] == "« Plan vélo »"
    assert client.post(page, {"action": "delete"}).status_code == 200
    assert not Follower.objects.exists()
    assert client.get(page).status_code == 404


def test_a_follower_in_another_language_reads_the_original_marked(client, consultation, smtp, run_worker):
    follow_and_confirm(client, consultation, smtp, run_worker, "en@example.org", "en")
    sweep.run()
    run_worker()
    [opened] = smtp.mailbox.to("en@example.org")
    assert "original language (fr)" in text_of(opened)


def test_a_label_award_is_told(client, consultation, smtp, run_worker):
    from consultations.extensions import consultation_news  # noqa: PLC0415

    follow_and_confirm(client, consultation, smtp, run_worker, "a@example.org")
    for _ in range(2):
        consultation_news.send(
            sender=None, kind="label", consultation=consultation, key="award-1", details={"document": "Délibération 12"}
        )
    run_worker()
    [labelled] = smtp.mailbox.to("a@example.org")
    assert "Délibération 12" in text_of(labelled)


def test_theme_followers_hear_of_every_consultation_of_the_theme(client, consultation, smtp, run_worker):
    page = consultation.get_latest_revision_as_object()
    page.themes.add("mobilité")
    page.save_revision().publish()
    slug = page.themes.get(name="mobilité").slug
    data = {"kind": "theme", "key": slug, "email": "theme@example.org", "language": "fr"}
    assert client.post(reverse("follow:follow"), data).status_code == 200
    run_worker()
    path = confirmation_path(smtp.mailbox.to("theme@example.org")[0])
    client.post(path)
    smtp.mailbox.clear()
    publish_report(consultation)
    run_worker()
    assert len(smtp.mailbox.to("theme@example.org")) == 1


def test_the_form_keeps_what_was_typed_and_names_the_field(client, consultation):
    response = follow(client, consultation, "not-an-address")
    body = response.content.decode()
    assert response.status_code == 400
    assert 'value="not-an-address"' in body
    assert "Votre adresse e-mail" in body


def test_following_a_draft_or_unknown_consultation_is_refused(client, consultation):
    data = {"kind": "consultation", "key": "00000000-0000-0000-0000-000000000000", "email": "x@example.org"}
    assert client.post(reverse("follow:follow"), {**data, "language": "fr"}).status_code == 404
    assert not Follower.objects.exists()


def test_the_consultation_page_carries_the_form_without_javascript(client, consultation):
    body = client.get(consultation.url).content.decode()
    assert 'action="/fr/suivre/"' in body
    assert f'value="{consultation.translation_key}"' in body
    with translation.override("en"):
        assert reverse("follow:follow") == "/en/follow/"
