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
        help_text=_("The person's service, as it will appear in the training follow-up (e.g. “Mobility”)."),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        ordering = ["service", "user__username"]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.service})"


# Progress and attestations follow a lesson or a module across its translations: a person who completes a lesson
# in French has completed it in English and Dutch too. They are keyed on the page's `translation_key`, the UUID that
# Wagtail gives a page and every translation and alias of it, rather than on one page or on its "original":
# - Wagtail core stores no notion of an original (wagtail-localize's TranslationSource can be deleted, and a lesson
#   can be written in English first), so "the source page" would be a guess that can change under the records;
# - any translation, the French one included, can be deleted while the others live on: a foreign key would take the
#   person's progress with it (on_delete=CASCADE) or lose the link (SET_NULL);
# - every page already carries its key, so matching records to the lessons on a page stays one `lesson_key__in`
#   query, with no lookup from a translation to its source.
# Records of a lesson deleted in every language are removed by training.signals.


class LessonProgressQuerySet(models.QuerySet):
    def for_lesson(self, lesson):
        """The records of `lesson` in whichever language it was followed."""
        return self.filter(lesson_key=lesson.translation_key)


class LessonProgress(models.Model):
    """One row per person and lesson (all its translations together): marked done, best quiz score, and when the
    lesson became complete."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member"), on_delete=models.CASCADE, related_name="+"
    )
    lesson_key = models.UUIDField(_("lesson"), editable=False)
    marked_done_at = models.DateTimeField(_("marked as done at"), null=True, blank=True)
    best_score = models.PositiveSmallIntegerField(_("best quiz score (%)"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = LessonProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson_key"], name="training_one_progress_per_user_and_lesson"),
            models.CheckConstraint(
                condition=models.Q(best_score__isnull=True) | models.Q(best_score__lte=100),
                name="training_best_score_is_a_percentage",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.lesson_key}"


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
    # `module` is the translation the attestation was issued from; `module_key` its translation_key (see
    # LessonProgress): one attestation per person and module whatever the language, kept when the module page is
    # deleted, and what the managers' report counts by.
    module_key = models.UUIDField(_("module"), editable=False)
    holder_name = models.CharField(_("name"), max_length=300)
    service = models.CharField(_("service"), max_length=120, blank=True)
    module_title = models.CharField(_("module"), max_length=255)
    duration_hours = models.PositiveSmallIntegerField(_("duration (hours)"))
    completed_at = models.DateTimeField(_("completed on"))
    code = models.CharField(_("verification code"), max_length=20, unique=True, default=new_verification_code)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Before progress followed translations, someone could complete a module twice, once per language, and hold two
    # attestations. Both codes may be on paper, so the later one is kept (it still verifies) but marked superseded:
    # it no longer counts in the report nor stands for the person's completion.
    superseded = models.BooleanField(_("superseded by an earlier attestation"), default=False, editable=False)

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        ordering = ["-completed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module_key"],
                condition=models.Q(superseded=False),
                name="training_one_attestation_per_user_and_module",
            ),
        ]

    def __str__(self):
        return f"{self.holder_name} – {self.module_title} ({self.code})"

    def save(self, *args, **kwargs):
        if self.module_key is None and self.module is not None:
            self.module_key = self.module.translation_key
        super().save(*args, **kwargs)

    @property
    def completed_on(self):
        """The completion day in the site's time zone (what the attestation and the report show)."""
        return timezone.localdate(self.completed_at)
