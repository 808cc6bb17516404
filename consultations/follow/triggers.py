"""What publishing tells followers, decided at the publication itself: Wagtail's page_published signal, which the
admin's "Publish", workflows' approval and the scheduled-publishing command (`publish_scheduled`) all send, so a
page scheduled for 6 a.m. notifies at 6 a.m. Each receiver writes a Notice and enqueues one task (tasks.py): a
publication never waits on followers or on SMTP.

Only the original-language version of a consultation or report notifies: its translations carry the same news,
and each follower reads it in their own language anyway."""

import datetime
import hashlib

from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from consultations.extensions import consultation_news
from consultations.follow.models import EventSnapshot, Notice
from consultations.follow.subjects import original_of
from consultations.follow.tasks import record_notice
from consultations.models import ConsultationPage, ConsultationReportPage
from site_core.site_data import public_pages


def is_original(page):
    original = original_of(page)
    return original is not None and original.pk == page.pk


def is_public(page):
    return public_pages(type(page).objects.filter(pk=page.pk)).exists()


def event_fingerprint(event):
    """What a follower needs to know again when it changes: when, where, how."""
    parts = [
        event.start.isoformat() if event.start else "",
        event.end.isoformat() if event.end else "",
        event.place_name,
        event.address,
        event.format,
        event.online_url,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def event_details(event):
    return {
        "event_key": str(event.translation_key),
        "title": event.title,
        "start": event.start.isoformat() if event.start else "",
        "place": event.place_name,
        "address": event.address,
        "format": event.format,
    }


@receiver(page_published, dispatch_uid="pacte-follow-page-published")
def on_page_published(sender, instance, **kwargs):
    page = instance.specific if type(instance) not in (ConsultationPage, ConsultationReportPage) else instance
    if isinstance(page, ConsultationPage) and is_original(page) and is_public(page):
        compare_events(page)
    elif isinstance(page, ConsultationReportPage):
        consultation = original_of(page.get_parent().specific)
        if consultation is not None and is_original(page) and is_public(page):
            record_notice(consultation, Notice.REPORT, str(page.translation_key), {"report_title": page.title})


def compare_events(consultation):
    """Tell followers of the events this publication added, moved or cancelled (past events excepted). The first
    publication only takes note of the events: nobody followed the consultation before it was public."""
    now = timezone.now()
    snapshots = {snapshot.event_key: snapshot for snapshot in EventSnapshot.objects.filter(consultation=consultation)}
    first_time = not snapshots and not Notice.objects.filter(consultation=consultation).exists()
    current = {str(event.translation_key): event for event in consultation.events.all()}
    for key, event in current.items():
        fingerprint = event_fingerprint(event)
        cancelled = bool(getattr(event, "cancelled", False))
        snapshot = snapshots.get(key)
        upcoming = event.end is None or event.end > now
        if not first_time and upcoming:
            if snapshot is None and not cancelled:
                record_notice(consultation, Notice.EVENT_NEW, key, event_details(event))
            elif snapshot is not None and cancelled and not snapshot.cancelled:
                record_notice(consultation, Notice.EVENT_CANCELLED, key, event_details(event))
            elif snapshot is not None and not cancelled and snapshot.fingerprint != fingerprint:
                details = {**event_details(event), "before": snapshot_details(snapshot)}
                record_notice(consultation, Notice.EVENT_CHANGED, f"{key}:{fingerprint}", details)
        EventSnapshot.objects.update_or_create(
            consultation=consultation,
            event_key=key,
            defaults={"fingerprint": fingerprint, "cancelled": cancelled, "details": event_details(event)},
        )
    for key, snapshot in snapshots.items():
        if key not in current:
            # Taken off the page: for its followers, the event will not take place.
            before = snapshot_details(snapshot)
            start = before.get("start", "")
            if not snapshot.cancelled and (not start or datetime.datetime.fromisoformat(start) > now):
                record_notice(consultation, Notice.EVENT_CANCELLED, key, before)
            snapshot.delete()


def snapshot_details(snapshot):
    return dict(snapshot.details or {})


@receiver(consultation_news, dispatch_uid="pacte-follow-news")
def on_news(sender, kind, consultation, key, details=None, **kwargs):
    consultation = original_of(consultation)
    if consultation is not None and consultation.live and is_public(consultation):
        record_notice(consultation, kind, key, details or {})
