"""What happens because time passes rather than because someone published: a consultation opens, an answer date
passes without a report (told again every LATE_REPEAT_DAYS while it lasts: no editor can switch it off), the
weekly digests, the purge of unconfirmed addresses, and the deliveries whose task was lost. Run every hour by
`manage.py notify_followers` (`make run` starts it beside the worker; docs/operations.md for production)."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from consultations import status as statuses
from consultations.follow import messages
from consultations.follow.models import Delivery, Follow, Follower, Notice
from consultations.follow.subjects import original_of
from consultations.follow.tasks import CLAIM_TIMEOUT, SMTP_ERRORS, queue, record_notice, send_deliveries
from consultations.models import ConsultationPage
from site_core.site_data import public_pages

LATE_REPEAT_DAYS = 30
# A consultation that opened longer ago than this when the sweep first sees it (a site just installed, an old
# consultation published late) is not announced as opening.
OPENING_NEWS_DAYS = 14
DIGEST_DAYS = 7


def run(now=None):
    now = now or timezone.now()
    today = timezone.localdate(now)
    return {
        "opened": announce_openings(today),
        "late": announce_late_answers(today),
        "digests": send_digests(now),
        "purged": purge_unconfirmed(now),
        "requeued": requeue_lost(now),
    }


def live_originals():
    """The live, public consultations, each once (its original version)."""
    pages = public_pages(ConsultationPage.objects.live()).prefetch_related("phases")
    originals = {}
    for page in pages.order_by("pk"):
        originals.setdefault(page.translation_key, page)
    return list(originals.values())


def announce_openings(today):
    count = 0
    for page in live_originals():
        status = statuses.derive_status(page.ordered_phases, page.answer_due_date, False, today)
        opened_on = page.launch_date
        if status.code != statuses.OPEN or opened_on is None or (today - opened_on).days > OPENING_NEWS_DAYS:
            continue
        if record_notice(original_of(page), Notice.OPENED, "opened", {"opened_on": opened_on.isoformat()}):
            count += 1
    return count


def announce_late_answers(today):
    """A notice per LATE_REPEAT_DAYS period of lateness: period 0 the day after the promised date, then 1, 2..."""
    count = 0
    for page in live_originals():
        due = page.answer_due_date
        if page.published_report is not None:
            continue  # told once, with the report's own notice
        # The site's one definition of late (consultations.status), the one every page shows.
        timeliness = statuses.report_timeliness(due, None, today)
        if not timeliness.is_late:
            continue
        period = timeliness.days_late // LATE_REPEAT_DAYS
        details = {"due_date": due.isoformat(), "period": period}
        if record_notice(original_of(page), Notice.LATE, f"late:{due.isoformat()}:{period}", details):
            count += 1
    return count


def send_digests(now):
    """One message a week to each digest follower with news waiting; a failure leaves them waiting for next hour."""
    due = Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=now - datetime.timedelta(days=DIGEST_DAYS))
    waiting = Delivery.objects.filter(status=Delivery.DIGEST).values("follower_id")
    sent = 0
    for follower in Follower.objects.filter(due, pk__in=waiting, digest=True, confirmed_at__isnull=False):
        deliveries = list(
            follower.deliveries.filter(status=Delivery.DIGEST)
            .select_related("notice__consultation")
            .order_by("notice__created_at")
        )
        try:
            messages.message_for([delivery.notice for delivery in deliveries], follower).send()
        except SMTP_ERRORS:
            continue
        Delivery.objects.filter(pk__in=[delivery.pk for delivery in deliveries]).update(
            status=Delivery.SENT, sent_at=now
        )
        Follower.objects.filter(pk=follower.pk).update(last_digest_at=now)
        sent += 1
    return sent


def purge_unconfirmed(now):
    """Addresses never confirmed are deleted once their link has expired; so are unconfirmed follows."""
    cutoff = now - datetime.timedelta(days=settings.PACTE_FOLLOW_CONFIRMATION_DAYS)
    followers, _detail = Follower.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    Follow.objects.filter(confirmed_at__isnull=True, requested_at__lt=cutoff).delete()
    return followers


def requeue_lost(now):
    """Deliveries whose attempt time has long passed (their task was lost) or that a dead worker left claimed."""
    stale = Delivery.objects.filter(status=Delivery.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT)
    stale_ids = list(stale.values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=stale_ids).update(status=Delivery.PENDING, next_attempt_at=now)
    overdue = Delivery.objects.filter(status=Delivery.PENDING, next_attempt_at__lt=now - CLAIM_TIMEOUT)
    ids = sorted({*stale_ids, *overdue.values_list("pk", flat=True)})
    for start in range(0, len(ids), 200):
        queue(send_deliveries, ids[start : start + 200])
    return len(ids)
