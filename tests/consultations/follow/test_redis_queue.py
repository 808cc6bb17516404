"""The followers' queue on Redis (RQ, through django-tasks-rq), the switch for when one machine is outgrown:
the same tasks, enqueued by a publication, run by RQ's own worker against a real Redis server (the one this
machine runs, or .ci/run's throwaway one: PACTE_TEST_REDIS_URL)."""

import datetime

import django_rq
import pytest
from django_tasks import task_backends
from rq import SimpleWorker

from consultations.follow.models import Delivery, Follow, Follower
from tests.factories import ConsultationPageFactory, ConsultationReportPageFactory


@pytest.fixture
def rq_queue(settings):
    settings.TASKS = {
        **settings.TASKS,
        "notifications": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": settings.PACTE_TASK_QUEUES},
    }
    queue = django_rq.get_queue("notifications")
    queue.connection.flushdb()
    yield queue
    queue.connection.flushdb()


def test_a_publication_reaches_the_follower_through_rq(index_page, smtp, rq_queue, django_capture_on_commit_callbacks):
    from django_tasks_rq import Job  # noqa: PLC0415

    assert task_backends["notifications"].__class__.__name__ == "RQBackend"
    consultation = ConsultationPageFactory(
        parent=index_page,
        title="Plan marche",
        phases=[(datetime.date(2026, 1, 5), datetime.date(2026, 2, 20))],
    )
    follower = Follower.objects.create(
        email="rq@example.org", language="fr", confirmed_at=consultation.first_published_at
    )
    Follow.objects.create(
        follower=follower,
        kind=Follow.CONSULTATION,
        key=str(consultation.translation_key),
        requested_language="fr",
        confirmed_at=follower.confirmed_at,
    )
    with django_capture_on_commit_callbacks(execute=True):
        ConsultationReportPageFactory(parent=consultation)
    assert rq_queue.count == 1  # the fan-out, on Redis
    worker = SimpleWorker([rq_queue], connection=rq_queue.connection, job_class=Job)
    for _ in range(2):  # the fan-out, then the sending it queued
        with django_capture_on_commit_callbacks(execute=True):
            worker.work(burst=True, with_scheduler=False)
    [message] = smtp.mailbox.to("rq@example.org")
    assert " ".join(str(message["Subject"]).split()) == "« Plan marche » : le bilan est publié"
    assert Delivery.objects.get().status == Delivery.SENT
