"""Progress and attestations follow a lesson or module across its translations (keyed on translation_key).

Existing records are merged, losing nothing: a person's rows for translations of one lesson become one row with the
earliest dates and the best score; a person's attestations for translations of one module stay (their codes may be
printed and must keep verifying), the earliest counting and the later ones marked superseded.
"""

import uuid

from django.conf import settings
from django.db import migrations, models

# Attestations whose module page was deleted before this migration have no translation key left to copy: they get a
# key derived from the module title they carry, so they stay one row per module in the report. uuid5 keys never
# collide with Wagtail's (uuid4) translation keys.
DELETED_MODULE_NAMESPACE = uuid.UUID("6f1d7c52-3b0e-4f3c-9a52-1f4e0c6b9d21")


def _earliest(values):
    present = [value for value in values if value is not None]
    return min(present) if present else None


def merge_progress(rows, pass_mark=None):
    """The values of one progress record standing for `rows`, several records of one person for translations of one
    lesson (objects or dicts with marked_done_at, best_score, completed_at and updated_at).

    The earliest "marked done", the best score, the earliest completion. When no row was complete on its own but the
    merged one is (marked done in one language, quiz passed in another: `pass_mark` is the lesson's, None when it
    has no quiz), it became complete when the later of those two things happened, as near as the rows tell."""

    def get(row, name):
        return row[name] if isinstance(row, dict) else getattr(row, name)

    marked_done_at = _earliest(get(row, "marked_done_at") for row in rows)
    scores = [(get(row, "best_score"), get(row, "updated_at")) for row in rows if get(row, "best_score") is not None]
    best_score = max(score for score, _when in scores) if scores else None
    completed_at = _earliest(get(row, "completed_at") for row in rows)
    if completed_at is None and marked_done_at is not None:
        if pass_mark is None:
            completed_at = marked_done_at
        elif best_score is not None and best_score >= pass_mark:
            passed_at = min(when for score, when in scores if score == best_score)
            completed_at = max(marked_done_at, passed_at)
    return {"marked_done_at": marked_done_at, "best_score": best_score, "completed_at": completed_at}


def has_quiz(body):
    """Whether a lesson body (StreamField raw data, as stored) holds a quiz question."""
    return any(block.get("type") == "quiz" for block in body.raw_data) if body is not None else False


def split_superseded(attestations):
    """Of one person's attestations for translations of one module, the one that counts (earliest completion, then
    first issued) and the others."""
    ordered = sorted(attestations, key=lambda attestation: (attestation.completed_at, attestation.pk))
    return ordered[0], ordered[1:]


def forwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    LessonPage = apps.get_model("training", "TrainingLessonPage")
    LessonProgress = apps.get_model("training", "LessonProgress")
    Attestation = apps.get_model("training", "Attestation")

    lesson_ids = set(LessonProgress.objects.values_list("lesson_id", flat=True))
    keys = dict(Page.objects.filter(pk__in=lesson_ids).values_list("pk", "translation_key"))
    rules = {
        lesson.pk: (lesson.pass_mark if has_quiz(lesson.body) else None)
        for lesson in LessonPage.objects.filter(pk__in=lesson_ids).only("pk", "pass_mark", "body")
    }
    groups = {}
    for record in LessonProgress.objects.order_by("pk"):
        groups.setdefault((record.user_id, keys[record.lesson_id]), []).append(record)
    for (_user_id, key), records in groups.items():
        kept, others = records[0], records[1:]
        kept.lesson_key = key
        if others:
            # Every translation shares the pass mark (wagtail-localize synchronises numbers): the kept one's serves.
            for name, value in merge_progress(records, rules.get(kept.lesson_id)).items():
                setattr(kept, name, value)
            LessonProgress.objects.filter(pk__in=[record.pk for record in others]).delete()
        # update(), not save(): updated_at keeps saying when the person last worked, not when this migration ran.
        LessonProgress.objects.filter(pk=kept.pk).update(
            lesson_key=kept.lesson_key,
            marked_done_at=kept.marked_done_at,
            best_score=kept.best_score,
            completed_at=kept.completed_at,
        )

    module_keys = dict(
        Page.objects.filter(pk__in=Attestation.objects.exclude(module=None).values("module_id")).values_list(
            "pk", "translation_key"
        )
    )
    groups = {}
    for attestation in Attestation.objects.order_by("pk"):
        if attestation.module_id is not None:
            attestation.module_key = module_keys[attestation.module_id]
        else:
            attestation.module_key = uuid.uuid5(DELETED_MODULE_NAMESPACE, attestation.module_title)
        groups.setdefault((attestation.user_id, attestation.module_key), []).append(attestation)
    for attestations in groups.values():
        kept, superseded = split_superseded(attestations)
        Attestation.objects.filter(pk=kept.pk).update(module_key=kept.module_key)
        for attestation in superseded:
            Attestation.objects.filter(pk=attestation.pk).update(module_key=attestation.module_key, superseded=True)

    # PostgreSQL refuses to alter a table with pending deferred-constraint checks in the same transaction: run them.
    schema_editor.connection.check_constraints()


def backwards(apps, schema_editor):
    """Back to one record per page: each record goes to a translation of its lesson (the default language's when
    there is one). Records are not split again; a record whose lesson no longer exists cannot be kept."""
    LessonPage = apps.get_model("training", "TrainingLessonPage")
    LessonProgress = apps.get_model("training", "LessonProgress")
    default_language = settings.LANGUAGE_CODE
    pages = {}
    for pk, key, language in (
        LessonPage.objects.filter(translation_key__in=LessonProgress.objects.values("lesson_key"))
        .order_by("pk")
        .values_list("pk", "translation_key", "locale__language_code")
    ):
        if key not in pages or language == default_language:
            pages[key] = pk
    for record in LessonProgress.objects.all():
        if record.lesson_key in pages:
            LessonProgress.objects.filter(pk=record.pk).update(lesson_id=pages[record.lesson_key])
        else:
            LessonProgress.objects.filter(pk=record.pk).delete()
    schema_editor.connection.check_constraints()


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0002_staff_group"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # 1. Room for the keys, the old link kept (and nullable, for the way back) until the rows are merged.
        migrations.AddField(
            model_name="lessonprogress",
            name="lesson_key",
            field=models.UUIDField(editable=False, null=True, verbose_name="lesson"),
        ),
        migrations.AlterField(
            model_name="lessonprogress",
            name="lesson",
            field=models.ForeignKey(
                null=True,
                on_delete=models.deletion.CASCADE,
                related_name="progress",
                to="training.traininglessonpage",
                verbose_name="lesson",
            ),
        ),
        migrations.AddField(
            model_name="attestation",
            name="module_key",
            field=models.UUIDField(editable=False, null=True, verbose_name="module"),
        ),
        migrations.AddField(
            model_name="attestation",
            name="superseded",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="superseded by an earlier attestation"
            ),
        ),
        # 2. Merge.
        migrations.RunPython(forwards, backwards),
        # 3. One record per person and lesson, one attestation per person and module, whatever the language.
        migrations.RemoveConstraint(model_name="lessonprogress", name="training_one_progress_per_user_and_lesson"),
        migrations.RemoveField(model_name="lessonprogress", name="lesson"),
        migrations.AlterField(
            model_name="lessonprogress",
            name="lesson_key",
            field=models.UUIDField(editable=False, verbose_name="lesson"),
        ),
        migrations.AddConstraint(
            model_name="lessonprogress",
            constraint=models.UniqueConstraint(
                fields=("user", "lesson_key"), name="training_one_progress_per_user_and_lesson"
            ),
        ),
        migrations.RemoveConstraint(model_name="attestation", name="training_one_attestation_per_user_and_module"),
        migrations.AlterField(
            model_name="attestation",
            name="module_key",
            field=models.UUIDField(editable=False, verbose_name="module"),
        ),
        migrations.AddConstraint(
            model_name="attestation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("superseded", False)),
                fields=("user", "module_key"),
                name="training_one_attestation_per_user_and_module",
            ),
        ),
    ]
