"""Who learnt what: staff profiles (their service), one progress record per person and lesson, attestations."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# No 0/O or 1/I/L: a code read aloud or copied from paper stays unambiguous.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4


def new_verification_code():
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LENGTH))
    return format_code(raw)


def format_code(raw):
    return "-".join(raw[i : i + CODE_GROUP_LENGTH] for i in range(0, len(raw), CODE_GROUP_LENGTH))


def normalise_code(text):
    """What a person typed ("abcd efgh-jk23 …") as a stored code, or "" when it cannot be one."""
    raw = "".join(char for char in str(text).upper() if char.isalnum())
    if len(raw) != CODE_GROUPS * CODE_GROUP_LENGTH or any(char not in CODE_ALPHABET for char in raw):
        return ""
    return format_code(raw)


class StaffProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="training_profile",
    )
    service = models.CharField(
        _("service"),
        max_length=120,
        help_text=_("Le service de l'agent, tel qu'il apparaîtra dans le suivi des formations (ex. « Mobilités »)."),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        ordering = ["service", "user__username"]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.service})"


class LessonProgress(models.Model):
    """One row per person and lesson: marked done, best quiz score, and when the lesson became complete."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member"), on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        "training.TrainingLessonPage", verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="progress"
    )
    marked_done_at = models.DateTimeField(_("marked as done at"), null=True, blank=True)
    best_score = models.PositiveSmallIntegerField(_("best quiz score (%)"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="training_one_progress_per_user_and_lesson"),
            models.CheckConstraint(
                condition=models.Q(best_score__isnull=True) | models.Q(best_score__lte=100),
                name="training_best_score_is_a_percentage",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.lesson_id}"


class Attestation(models.Model):
    """Proof that a person completed a module. Names and titles are copied so the record outlives edits."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="training_attestations",
    )
    module = models.ForeignKey(
        "training.TrainingModulePage",
        verbose_name=_("module"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="attestations",
    )
    holder_name = models.CharField(_("name"), max_length=300)
    service = models.CharField(_("service"), max_length=120, blank=True)
    module_title = models.CharField(_("module"), max_length=255)
    duration_hours = models.PositiveSmallIntegerField(_("duration (hours)"))
    completed_at = models.DateTimeField(_("completed on"))
    code = models.CharField(_("verification code"), max_length=20, unique=True, default=new_verification_code)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        ordering = ["-completed_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "module"], name="training_one_attestation_per_user_and_module"),
        ]

    def __str__(self):
        return f"{self.holder_name} – {self.module_title} ({self.code})"

    @property
    def completed_on(self):
        """The completion day in the site's time zone (what the attestation and the report show)."""
        return timezone.localdate(self.completed_at)
