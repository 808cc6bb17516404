"""The e-mails followers receive, in their own language, as plain text and HTML: one per notice, or one a week for
those who chose the digest. Every message names the consultation with its link, and carries the one-click way out
(RFC 8058: `List-Unsubscribe` and `List-Unsubscribe-Post`). No tracking pixel, no tracked link: every address in a
message is the page itself."""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations.follow import links
from consultations.follow.models import Notice
from consultations.models import Contribution
from site_core import public_address
from site_core.site_data import locales
from site_core.translation import shown_version

SUBJECTS = {
    Notice.OPENED: gettext_lazy("“{title}” is open: you can take part"),
    Notice.EVENT_NEW: gettext_lazy("“{title}”: a new event"),
    Notice.EVENT_CHANGED: gettext_lazy("“{title}”: an event changes"),
    Notice.EVENT_CANCELLED: gettext_lazy("“{title}”: an event is cancelled"),
    Notice.REPORT: gettext_lazy("“{title}”: the report is published"),
    Notice.LATE: gettext_lazy("“{title}”: the answer is late"),
    Notice.LABEL: gettext_lazy("“{title}”: a document receives the citizen label"),
}


def subject_for(kind, title):
    # Lazy: translated here, in the follower's language (message_for runs under translation.override).
    return str(SUBJECTS[kind]).format(title=title)


def from_address():
    if settings.PACTE_NOTIFICATIONS_FROM:
        return settings.PACTE_NOTIFICATIONS_FROM
    if settings.DEFAULT_FROM_EMAIL and not settings.DEFAULT_FROM_EMAIL.endswith("@localhost"):
        return settings.DEFAULT_FROM_EMAIL
    # Django's default sender names a machine nobody can answer or check: the site's own host at least says who.
    return f"ne-pas-repondre@{public_address.host_name() or 'localhost'}"


def consultation_shown(consultation, language):
    """The consultation in the follower's language when published in it, else its original (marked)."""
    return shown_version(consultation, locales().get(language))


def contribution_link(report, reference):
    """The contribution's own page under the report (its permalink), as a printed link would carry it."""
    return public_address.absolute_url(report.specific.contribution_url(None, reference))


def item_for(notice, follower, memo=None):
    """What one notice says to one follower (a dict the templates read). `memo` keeps what is the same for every
    follower reading that language (the page, its address, the report's), so that a batch of messages reads the
    pages once per language rather than once per message."""
    if memo is None:
        memo = {}
    key = (notice.pk or id(notice), follower.language)
    if key not in memo:
        memo[key] = common_item(notice, follower.language)
    item = dict(memo[key])
    if notice.kind == Notice.REPORT:
        item["own_contributions"] = own_contributions(notice.consultation, follower, item.pop("report", None))
    else:
        item.pop("report", None)
    return item


def common_item(notice, language):
    shown = consultation_shown(notice.consultation, language)
    page = shown.record
    item = {
        "kind": notice.kind,
        "title": page.title,
        "lang": shown.lang,
        "url": public_address.page_url(page),
        "details": notice.details,
        "notice": notice,
    }
    details = notice.details or {}
    item["event_start"] = parse_moment(details.get("start"))
    item["before_start"] = parse_moment((details.get("before") or {}).get("start"))
    if notice.kind == Notice.REPORT:
        report = page.published_report or notice.consultation.published_report
        item["report_url"] = public_address.page_url(report) if report else item["url"]
        item["report"] = report
    if notice.kind == Notice.LATE:
        due = page.answer_due_date
        item["due_date"] = due
        item["days_late"] = (timezone.localdate() - due).days if due else None
    return item


def parse_moment(value):
    """A datetime written by the triggers as ISO text, in the site's time zone for display; None when absent."""
    if not value:
        return None
    return timezone.localtime(datetime.datetime.fromisoformat(value))


def own_contributions(consultation, follower, report):
    """The follower's own contributions (the references they gave), each with its decision: shown first."""
    references = follower.references
    if not references:
        return []
    records = (
        Contribution.objects.filter(consultation__translation_key=consultation.translation_key)
        .filter(reference__in=references)
        .select_related("shared_answer")
        .order_by("reference")
    )
    return [
        {
            "reference": record.reference,
            "title": record.title,
            "lang": record.language if record.language != follower.language else "",
            "decision": record.get_decision_display() if record.decision else _("no decision yet"),
            "reason": record.answer_text,
            "url": contribution_link(report, record.reference) if report else "",
        }
        for record in records
    ]


def message_for(notices, follower, connection=None, memo=None):
    """The EmailMultiAlternatives telling `follower` about `notices` (one, or the week's for a digest)."""
    with translation.override(follower.language):
        items = [item_for(notice, follower, memo) for notice in notices]
        if len(items) == 1:
            subject = subject_for(items[0]["kind"], items[0]["title"])
        else:
            subject = _("Your week on the participation site: %(count)s news items") % {"count": len(items)}
        context = {
            "items": items,
            "digest": len(items) > 1,
            "leave_url": links.leave_url(follower),
            "my_data_url": links.my_data_url(follower),
            "site_url": public_address.absolute_url(f"/{follower.language}/"),
            "language": follower.language,
        }
        text = render_to_string("follow/email/notice.txt", context)
        html = render_to_string("follow/email/notice.html", context)
    return build(subject, text, html, follower.email, context["leave_url"], connection)


def confirmation_message(follow, subject_label, connection=None):
    follower = follow.follower
    with translation.override(follower.language):
        context = {
            "subject_label": subject_label,
            "confirm_url": links.confirm_url(follow),
            "days": settings.PACTE_FOLLOW_CONFIRMATION_DAYS,
            "already": follow.confirmed_at is not None,
            "leave_url": links.leave_url(follower),
            "my_data_url": links.my_data_url(follower),
            "language": follower.language,
        }
        subject = _("Confirm that you want to follow %(subject)s") % {"subject": subject_label}
        text = render_to_string("follow/email/confirm.txt", context)
        html = render_to_string("follow/email/confirm.html", context)
    return build(subject, text, html, follower.email, context["leave_url"], connection)


def build(subject, text, html, to, leave_url, connection):
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=from_address(),
        to=[to],
        connection=connection,
        headers={
            # RFC 8058: mail programs show an "unsubscribe" button that POSTs here, with nothing else to click.
            "List-Unsubscribe": f"<{leave_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def sample_notice(consultation, kind):
    """An unsaved notice of `kind` for `consultation`, from its own records, for the admin's preview and test."""
    details = {}
    if kind in (Notice.EVENT_NEW, Notice.EVENT_CHANGED, Notice.EVENT_CANCELLED):
        event = next(iter(consultation.ordered_events), None)
        if event is not None:
            details = {
                "title": event.title,
                "start": event.start.isoformat() if event.start else "",
                "place": event.place_name,
                "address": event.address,
                "format": event.format,
            }
            if kind == Notice.EVENT_CHANGED:
                details["before"] = dict(details)
    if kind == Notice.LATE and consultation.answer_due_date:
        details = {"due_date": consultation.answer_due_date.isoformat(), "period": 0}
    if kind == Notice.LABEL:
        details = {"document": _("the council's deliberation"), "level": ""}
    return Notice(consultation=consultation, kind=kind, key="sample", details=details)
