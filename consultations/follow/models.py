"""Who follows what, what happened, and what was sent to whom.

An address is stored for one purpose only, telling its owner about what they follow: it is deleted when they leave
(one click in any message), when they ask (the "my data" page), and when it is never confirmed
(PACTE_FOLLOW_CONFIRMATION_DAYS). Staff see counts; the addresses themselves need the dedicated permission
`view_follower_addresses`.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_secret():
    return secrets.token_urlsafe(16)


class Follower(models.Model):
    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    digest = models.BooleanField(
        _("one message a week"), default=False, help_text=_("A weekly summary instead of one message per news item.")
    )
    contribution_references = models.CharField(
        _("my contribution references"),
        max_length=500,
        blank=True,
        help_text=_("References of the contributions this person made, shown first when the report is published."),
    )
    # Part of every link in the messages (signed, see links.py): a new secret makes all earlier links void.
    secret = models.CharField(max_length=32, default=new_secret)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        permissions = [("view_follower_addresses", "Can see followers' e-mail addresses")]

    def __str__(self):
        return f"follower {self.pk}"  # never the address: this string reaches logs and admin messages

    @property
    def references(self):
        return [reference for reference in self.contribution_references.split() if reference]


class Follow(models.Model):
    """One thing a follower follows: a consultation (by the translation key its language versions share), a theme
    (a tag slug) or a territory (by translation key)."""

    CONSULTATION = "consultation"
    THEME = "theme"
    TERRITORY = "territory"
    KINDS = [(CONSULTATION, _("consultation")), (THEME, _("theme")), (TERRITORY, _("territory"))]

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="follows")
    kind = models.CharField(max_length=12, choices=KINDS)
    key = models.CharField(max_length=100)
    requested_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # What the request asked for: applied to the follower at confirmation only, so that nobody but the address's
    # owner can change the language or the rhythm of the messages it receives.
    requested_language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    requested_digest = models.BooleanField(default=False)
    requested_references = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [models.UniqueConstraint(fields=["follower", "kind", "key"], name="unique_follow")]
        indexes = [models.Index(fields=["kind", "key"], name="follow_by_subject")]

    def __str__(self):
        return f"{self.kind} {self.key}"


class Notice(models.Model):
    """Something followers of a consultation are told, recorded once: its (consultation, kind, key) is unique, so a
    publication seen twice, a worker run twice or a sweep repeated never tells anyone twice."""

    OPENED = "opened"
    EVENT_NEW = "event_new"
    EVENT_CHANGED = "event_changed"
    EVENT_CANCELLED = "event_cancelled"
    REPORT = "report"
    LATE = "late"
    LABEL = "label"
    KINDS = [
        (OPENED, _("the consultation opens")),
        (EVENT_NEW, _("a new event")),
        (EVENT_CHANGED, _("an event changes date or place")),
        (EVENT_CANCELLED, _("an event is cancelled")),
        (REPORT, _("the report is published")),
        (LATE, _("the answer is late")),
        (LABEL, _("a label is awarded")),
    ]

    consultation = models.ForeignKey(
        "consultations.ConsultationPage", on_delete=models.CASCADE, related_name="follower_notices"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=KINDS)
    key = models.CharField(max_length=200)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    fanned_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notice to followers")
        verbose_name_plural = _("notices to followers")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["consultation", "kind", "key"], name="unique_notice")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.key})"


class Delivery(models.Model):
    """One notice for one follower: unique, so each is sent at most once (see tasks.send_deliveries)."""

    PENDING = "pending"
    SENDING = "sending"
    DIGEST = "digest"
    SENT = "sent"
    FAILED = "failed"
    STATUSES = [
        (PENDING, _("waiting")),
        (SENDING, _("being sent")),
        (DIGEST, _("waiting for the weekly message")),
        (SENT, _("sent")),
        (FAILED, _("given up")),
    ]

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=8, choices=STATUSES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [models.UniqueConstraint(fields=["notice", "follower"], name="unique_delivery")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self):
        return f"delivery {self.pk}: {self.status}"


class EventSnapshot(models.Model):
    """What followers were last told of an event (its date and place), to tell a change from a republication."""

    consultation = models.ForeignKey("consultations.ConsultationPage", on_delete=models.CASCADE, related_name="+")
    event_key = models.CharField(max_length=40)
    fingerprint = models.CharField(max_length=64)
    cancelled = models.BooleanField(default=False)
    details = models.JSONField(default=dict)  # what followers were told: the "before" of a change

    class Meta:
        constraints = [models.UniqueConstraint(fields=["consultation", "event_key"], name="unique_event_snapshot")]

    def __str__(self):
        return f"event {self.event_key}"
