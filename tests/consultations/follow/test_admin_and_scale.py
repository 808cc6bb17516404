"""What editors see of the followers (counts, never addresses without the permission; previews; a test to
themselves), and a publication whose cost does not grow with the number of followers."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from consultations.follow.models import Follow, Follower, Notice
from tests.factories import ConsultationPageFactory, ConsultationReportPageFactory, UserFactory


@pytest.fixture
def consultation(index_page):
    return ConsultationPageFactory(
        parent=index_page,
        title="Plan marche",
        phases=[(datetime.date(2026, 1, 5), datetime.date(2026, 2, 20))],
        answer_due_date=datetime.date(2026, 6, 30),
    )


def add_followers(consultation, count, start=0):
    followers = Follower.objects.bulk_create(
        Follower(email=f"person{number}@example.org", language="fr", confirmed_at=consultation.first_published_at)
        for number in range(start, start + count)
    )
    Follow.objects.bulk_create(
        Follow(
            follower=follower,
            kind=Follow.CONSULTATION,
            key=str(consultation.translation_key),
            requested_language="fr",
            confirmed_at=follower.confirmed_at,
        )
        for follower in followers
    )


def publication_queries(consultation):
    with CaptureQueriesContext(connection) as captured:
        report = ConsultationReportPageFactory(parent=consultation, slug=f"bilan-{Notice.objects.count()}")
    report.delete()
    Notice.objects.all().delete()
    return len(captured)


def test_a_publication_costs_the_same_for_5_or_500_followers(consultation):
    add_followers(consultation, 5)
    publication_queries(consultation)  # the first publication under a consultation also fills Wagtail's caches
    with_five = publication_queries(consultation)
    add_followers(consultation, 495, start=5)
    assert publication_queries(consultation) == with_five


def test_the_publication_records_one_notice_and_queues_one_task(consultation, django_capture_on_commit_callbacks):
    add_followers(consultation, 50)
    with django_capture_on_commit_callbacks(execute=True):
        ConsultationReportPageFactory(parent=consultation)
    assert list(Notice.objects.values_list("kind", flat=True)) == ["report"]
    [queued] = DBTaskResult.objects.filter(backend_name="notifications", queue_name="notifications")
    assert queued.task_path.endswith("fan_out")
    # Beside it, on its own queue, the report's PDF (site_core/tasks.py).
    [document] = DBTaskResult.objects.filter(backend_name="notifications", queue_name="documents")
    assert document.task_path.endswith("build_page_pdf")


def test_editors_see_counts_and_what_was_sent_never_addresses(client, consultation):
    add_followers(consultation, 3)
    editor = UserFactory(is_superuser=True, email="editrice@example.org")
    client.force_login(editor)
    overview = client.get("/admin/consultations/followers/").content.decode()
    assert "Plan marche" in overview and "person0@example.org" not in overview
    detail = client.get(f"/admin/consultations/followers/{consultation.pk}/").content.decode()
    assert "3 personnes suivent cette concertation" in detail
    assert "person0@example.org" not in detail


def test_the_addresses_need_their_own_permission(client, consultation):
    add_followers(consultation, 2)
    editors = Group.objects.get(name="Editors")
    user = UserFactory(is_superuser=False)
    user.groups.add(editors)
    client.force_login(user)
    address_page = f"/admin/consultations/followers/{consultation.pk}/addresses/"
    refused = client.get(address_page)
    assert refused.status_code == 302 and refused.url == "/admin/"  # Wagtail's answer to PermissionDenied
    assert "person0@example.org" not in client.get(refused.url).content.decode()
    detail = client.get(f"/admin/consultations/followers/{consultation.pk}/").content.decode()
    assert "Voir les adresses" not in detail
    user.user_permissions.add(Permission.objects.get(codename="view_follower_addresses"))
    user = type(user).objects.get(pk=user.pk)  # permissions are cached on the instance
    client.force_login(user)
    response = client.get(address_page)
    assert response.status_code == 200
    assert "person0@example.org" in response.content.decode()


def test_a_preview_of_each_message_in_each_language(client, consultation):
    client.force_login(UserFactory(is_superuser=True, email="editrice@example.org"))
    for kind, _label in Notice.KINDS:
        for language in ("fr", "en", "nl"):
            response = client.get(f"/admin/consultations/followers/{consultation.pk}/preview/{kind}/{language}/")
            assert response.status_code == 200, (kind, language)
    french = client.get(f"/admin/consultations/followers/{consultation.pk}/preview/late/fr/").content.decode()
    assert "« Plan marche » : la réponse est en retard" in french
    text = client.get(f"/admin/consultations/followers/{consultation.pk}/preview/opened/en/?format=text")
    assert "“Plan marche” is open" in text.content.decode()


def test_a_test_message_to_oneself_goes_through_the_queue(client, consultation, django_capture_on_commit_callbacks):
    client.force_login(UserFactory(is_superuser=True, email="editrice@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/consultations/followers/{consultation.pk}/", {"kind": "report", "language": "nl"}
        )
    assert response.status_code == 302
    [queued] = DBTaskResult.objects.filter(backend_name="notifications")
    assert queued.task_path.endswith("send_test")
    assert queued.args_kwargs["args"][:2] == ["editrice@example.org", "nl"]
    assert not Follower.objects.exists()
