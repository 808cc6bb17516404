"""Delivery, off the request path: a publication records a Notice and enqueues one task; the worker (db_worker, or
rqworker on Redis) fans it out to the followers in bulk and sends in batches over one SMTP connection each.

Each (notice, follower) is a Delivery row, unique: it is claimed (pending -> sending) before its message goes and
marked sent right after, so a task run twice, or two workers, never send it twice. When SMTP fails the delivery
goes back to pending with a later attempt (BACKOFF) and a task is enqueued for then; the hourly sweep
(sweep.py) also picks up what is overdue, in case a queued task was lost with its worker. Nothing is lost: a
delivery is given up only after the last attempt, about two days later, and stays recorded as such.

At least once, not exactly once: if a worker dies between the SMTP server's acceptance and the "sent" write, the
sweep sends that one message again after CLAIM_TIMEOUT. The other way round would lose messages."""

import datetime
import logging
import smtplib

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from consultations.follow import messages
from consultations.follow.models import Delivery, Follow, Follower, Notice
from consultations.follow.subjects import audience, describe
from consultations.models import ConsultationPage

logger = logging.getLogger(__name__)

BACKEND = "notifications"
BATCH = 200
# Minutes to wait after each failed attempt: the last one is about two days after the first.
BACKOFF = (1, 5, 15, 60, 180, 600, 1440)
CLAIM_TIMEOUT = datetime.timedelta(minutes=15)
SMTP_ERRORS = (smtplib.SMTPException, OSError)


def queue(task_function, *args, run_after=None):
    """Enqueue once the current transaction commits: a worker never looks for rows not yet written."""
    chosen = task_function.using(run_after=run_after) if run_after else task_function
    transaction.on_commit(lambda: chosen.enqueue(*args))


def record_notice(consultation, kind, key, details=None):
    """The Notice of (consultation, kind, key), made and fanned out the first time only; None when it existed."""
    notice, created = Notice.objects.get_or_create(
        consultation=consultation, kind=kind, key=str(key)[:200], defaults={"details": details or {}}
    )
    if not created:
        return None
    queue(fan_out, notice.pk)
    return notice


@task(backend=BACKEND, queue_name="notifications")
def fan_out(notice_id):
    """One Delivery per follower of the notice's consultation, in bulk, then the sending tasks: the publication
    itself wrote one row, whatever the number of followers."""
    notice = Notice.objects.select_related("consultation").filter(pk=notice_id).first()
    if notice is None or notice.fanned_out_at:
        return 0
    now = timezone.now()
    created = 0
    followers = audience(notice.consultation).values_list("pk", "digest").order_by("pk")
    batch = []
    for follower_id, digest in followers.iterator(chunk_size=2000):
        status = Delivery.DIGEST if digest else Delivery.PENDING
        batch.append(Delivery(notice=notice, follower_id=follower_id, status=status, next_attempt_at=now))
        if len(batch) >= 2000:
            created += len(Delivery.objects.bulk_create(batch, ignore_conflicts=True))
            batch = []
    if batch:
        created += len(Delivery.objects.bulk_create(batch, ignore_conflicts=True))
    Notice.objects.filter(pk=notice.pk).update(fanned_out_at=now)
    pending = Delivery.objects.filter(notice=notice, status=Delivery.PENDING).values_list("pk", flat=True)
    ids = list(pending.order_by("pk"))
    for start in range(0, len(ids), BATCH):
        queue(send_deliveries, ids[start : start + BATCH])
    return created


def claim(delivery_ids):
    """Take the pending deliveries among `delivery_ids` for this worker (pending -> sending), atomically."""
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(pk__in=delivery_ids, status=Delivery.PENDING)
            .values_list("pk", flat=True)
        )
        Delivery.objects.filter(pk__in=rows).update(status=Delivery.SENDING, claimed_at=now)
    return rows


@task(backend=BACKEND, queue_name="notifications")
def send_deliveries(delivery_ids):
    """Send the pending ones among `delivery_ids`, over one SMTP connection; failures are retried later."""
    claimed = claim(delivery_ids)
    if not claimed:
        return 0
    deliveries = list(
        Delivery.objects.filter(pk__in=claimed).select_related("notice__consultation", "follower").order_by("pk")
    )
    sent, failed = [], []
    memo = {}  # what every follower of a notice reads alike, per language (messages.item_for)
    connection = get_connection()
    try:
        connection.open()
    except SMTP_ERRORS as error:
        retry_later(deliveries, error)
        return 0
    try:
        for delivery in deliveries:
            try:
                messages.message_for([delivery.notice], delivery.follower, connection, memo).send()
            except SMTP_ERRORS as error:
                failed.append((delivery, error))
                continue
            except Exception as error:
                # A message that cannot be built (a page deleted meanwhile, a bug) must not hold back the others:
                # logged with its trace, retried like an SMTP failure, given up after the last attempt.
                logger.exception("Could not build the message of delivery %s", delivery.pk)
                failed.append((delivery, error))
                continue
            Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.SENT, sent_at=timezone.now())
            sent.append(delivery.pk)
    finally:
        try:
            connection.close()
        except SMTP_ERRORS:
            pass
    for delivery, error in failed:
        retry_later([delivery], error)
    return len(sent)


def retry_later(deliveries, error):
    """Back to pending with the next attempt's time, or given up after the last; and a task for that time."""
    now = timezone.now()
    due = {}
    for delivery in deliveries:
        attempts = delivery.attempts + 1
        if attempts > len(BACKOFF):
            status, next_attempt = Delivery.FAILED, None
        else:
            status, next_attempt = Delivery.PENDING, now + datetime.timedelta(minutes=BACKOFF[attempts - 1])
            due.setdefault(next_attempt, []).append(delivery.pk)
        Delivery.objects.filter(pk=delivery.pk).update(
            status=status, attempts=attempts, next_attempt_at=next_attempt, last_error=str(error)[:200]
        )
    logger.warning("SMTP failed for %s deliveries (%s); retried later", len(deliveries), type(error).__name__)
    for when, ids in due.items():
        queue(send_deliveries, ids, run_after=when)


@task(backend=BACKEND, queue_name="notifications")
def send_confirmation(follow_id, attempt=0):
    """The double opt-in message: the only one an unconfirmed address ever receives."""
    follow = Follow.objects.select_related("follower").filter(pk=follow_id).first()
    if follow is None:
        return False
    label = describe(follow.kind, follow.key, follow.follower.language)
    try:
        messages.confirmation_message(follow, label).send()
    except SMTP_ERRORS as error:
        if attempt + 1 < len(BACKOFF):
            when = timezone.now() + datetime.timedelta(minutes=BACKOFF[attempt])
            logger.warning("SMTP failed for a confirmation (%s); retried later", type(error).__name__)
            queue(send_confirmation, follow_id, attempt + 1, run_after=when)
        return False
    return True


@task(backend=BACKEND, queue_name="notifications")
def send_test(address, language, consultation_id, kind):
    """An editor's test message to their own address: the real template and sender, with the sample of
    messages.sample_notice; nothing is recorded and no follower is written."""
    consultation = ConsultationPage.objects.get(pk=consultation_id)
    reader = Follower(email=address, language=language)  # never saved: its links lead nowhere
    messages.message_for([messages.sample_notice(consultation, kind)], reader).send()
    return True
