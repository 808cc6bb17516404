"""Progress follows a lesson across its translations: done in French means done in English, once, everywhere."""

import datetime
import importlib

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tests.factories import training_module, translate
from tests.utils import visible_text
from training import progress
from training.models import Attestation, LessonProgress, ModulePrerequisite

merge = importlib.import_module("training.migrations.0003_progress_across_translations")


def pass_lesson(user, lesson):
    progress.mark_done(user, lesson)
    progress.record_quiz_score(user, lesson, 100)


def translate_module(index_en, module, lessons, title="The charter in practice"):
    module_en = translate(module, index_en.locale, title=title, slug=module.slug + "-en")
    lessons_en = [
        translate(lesson, index_en.locale, title=f"Lesson {number}", slug=f"lesson-{number}")
        for number, lesson in enumerate(lessons, start=1)
    ]
    return module_en, lessons_en


@pytest.fixture
def index_en(home_page_en, training_index, locales):
    return translate(training_index, locales["en"], title="Training", slug="training")


@pytest.fixture
def bilingual(index_en, module_with_lessons):
    module, lessons = module_with_lessons
    module_en, lessons_en = translate_module(index_en, module, lessons)
    return {"fr": (module, lessons), "en": (module_en, lessons_en)}


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def test_a_lesson_completed_in_french_is_done_in_english(staff_client, staff_user, bilingual):
    _module, lessons = bilingual["fr"]
    module_en, lessons_en = bilingual["en"]
    staff_client.post(lessons[0].url, {"action": "done"})
    progress.record_quiz_score(staff_user, lessons[0], 100)

    module_page = staff_client.get(module_en.url)
    text = visible_text(module_page)
    assert "1 of 3 lessons" in text
    assert text.index("Lesson 1 Completed") < text.index("Lesson 2 Not started")
    assert "Continue: Lesson 2" in text
    assert 'max="3" value="1"' in module_page.content.decode()

    lesson_page = visible_text(staff_client.get(lessons_en[0].url))
    assert "Completed Lesson completed on" in lesson_page
    assert "Mark this lesson as done" not in lesson_page
    assert "Mark this lesson as done" in visible_text(staff_client.get(lessons_en[1].url))

    assert "1 of 3 lessons" in visible_text(staff_client.get(module_en.get_parent().url))
    assert LessonProgress.objects.filter(user=staff_user).count() == 1


def test_work_in_both_languages_adds_up_to_one_record_and_one_attestation(
    staff_client, staff_user, index_en, bilingual
):
    module, lessons = bilingual["fr"]
    module_en, lessons_en = bilingual["en"]
    progress.mark_done(staff_user, lessons[0])  # marked done in French…
    progress.record_quiz_score(staff_user, lessons_en[0], 100)  # …quiz passed in English
    assert LessonProgress.objects.get(user=staff_user).completed_at is not None
    pass_lesson(staff_user, lessons[1])
    assert not Attestation.objects.exists()
    pass_lesson(staff_user, lessons_en[2])

    attestation = Attestation.objects.get(user=staff_user)
    assert attestation.module == module_en  # issued from the page the person was on
    assert attestation.module_key == module.translation_key
    english = visible_text(staff_client.get(module_en.url))
    assert "See and print my attestation" in english
    assert "Voir et imprimer mon attestation" in visible_text(staff_client.get(module.url))
    mine = visible_text(staff_client.get(index_en.url + "mon-parcours/"))
    assert "1 module completed out of 1." in mine

    # Either language's attestation page shows the one attestation: no second one is issued.
    for index, page in ((index_en, module_en), (module.get_parent(), module)):
        response = staff_client.get(index.url + f"attestation/{page.pk}/")
        assert response.status_code == 200
        assert attestation.code in visible_text(response)
    assert Attestation.objects.count() == 1


def test_the_english_module_is_eligible_for_an_attestation_after_french_work(staff_user, bilingual):
    _module, lessons = bilingual["fr"]
    module_en, _lessons_en = bilingual["en"]
    for lesson in lessons:
        pass_lesson(staff_user, lesson)
    assert progress.ensure_attestation(staff_user, module_en) == Attestation.objects.get(user=staff_user)


def test_the_database_keeps_one_record_per_lesson_whatever_the_language(staff_user, bilingual):
    lesson, lesson_en = bilingual["fr"][1][0], bilingual["en"][1][0]
    LessonProgress.objects.create(user=staff_user, lesson_key=lesson.translation_key)
    with pytest.raises(IntegrityError), transaction.atomic():
        LessonProgress.objects.create(user=staff_user, lesson_key=lesson_en.translation_key)


def test_a_prerequisite_shows_in_the_page_language_with_progress_from_any(
    staff_client, staff_user, index_en, training_index, bilingual
):
    charter, lessons = bilingual["fr"]
    charter_en, _ = bilingual["en"]
    method, _ = training_module(parent=training_index, slug="methode", title="La méthode", lessons=1)
    ModulePrerequisite.objects.create(module=method, required_module=charter, sort_order=0, locale=method.locale)
    method_en = translate(method, index_en.locale, title="The method", slug="method")
    # The translation may still point at the French module (copied as is): it is shown in English all the same.
    method_en.prerequisites.update(required_module=charter)
    for lesson in lessons:
        pass_lesson(staff_user, lesson)
    response = staff_client.get(method_en.url)
    assert "Before this module The charter in practice Completed" in visible_text(response)
    assert f'href="{charter_en.url}"' in response.content.decode()


def test_an_untranslated_prerequisite_is_shown_in_french_and_marked(
    staff_client, staff_user, index_en, training_index, module_with_lessons
):
    charter, _lessons = module_with_lessons
    method, _ = training_module(training_index, slug="methode", title="La méthode", lessons=1)
    ModulePrerequisite.objects.create(module=method, required_module=charter, sort_order=0, locale=method.locale)
    method_en = translate(method, index_en.locale, title="The method", slug="method")
    html = staff_client.get(method_en.url).content.decode()
    assert (
        f'<a href="{charter.url}"><span lang="fr">La charte en pratique</span> <span class="original-language-notice">'
        "(Not yet translated: shown in its original language, French.)</span></a>"
    ) in html


def test_deleting_one_translation_keeps_the_progress(staff_user, bilingual):
    lesson, lesson_en = bilingual["fr"][1][0], bilingual["en"][1][0]
    pass_lesson(staff_user, lesson)
    lesson.delete()
    assert LessonProgress.objects.for_lesson(lesson_en).get(user=staff_user).completed_at is not None
    lesson_en.delete()
    assert not LessonProgress.objects.exists()


def test_the_report_counts_a_module_once_whatever_the_language(admin_client, staff_user, editor, bilingual):
    module, lessons = bilingual["fr"]
    _module_en, lessons_en = bilingual["en"]
    for lesson in lessons:
        pass_lesson(staff_user, lesson)
    for lesson in lessons_en:
        pass_lesson(editor, lesson)
    assert {attestation.module_title for attestation in Attestation.objects.all()} == {
        "La charte en pratique",
        "The charter in practice",
    }
    html = admin_client.get(reverse("training_completion_report")).content.decode()
    assert '<th scope="row">La charte en pratique</th><td>2</td>' in html
    assert "The charter in practice</th>" not in html
    response = admin_client.get(reverse("training_completion_report"), {"export": "csv", "module": module.pk})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert len(content.decode("utf-8-sig").strip().splitlines()) == 3  # headings and both people


def test_a_superseded_attestation_still_verifies_but_does_not_count(
    admin_client, client, staff_user, bilingual, verification_page
):
    module, _lessons = bilingual["fr"]
    module_en, _lessons_en = bilingual["en"]
    now = timezone.now()
    fields = {"user": staff_user, "holder_name": "Dominique Martin", "duration_hours": 7}
    first = Attestation.objects.create(module=module, module_title=module.title, completed_at=now, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attestation.objects.create(module=module_en, module_title="x", completed_at=now, **fields)
    later = Attestation.objects.create(
        module=module_en, module_title=module_en.title, completed_at=now, superseded=True, **fields
    )
    assert first.module_key == later.module_key == module.translation_key
    assert client.get(verification_page.url + later.code + "/").status_code == 200
    html = admin_client.get(reverse("training_completion_report")).content.decode()
    assert "1 module terminé" in html
    assert later.code not in html


# The merge the migration runs on existing records.


def moment(minutes):
    return datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC) + datetime.timedelta(minutes=minutes)


def row(marked=None, score=None, completed=None, updated=0):
    return {
        "marked_done_at": marked if marked is None else moment(marked),
        "best_score": score,
        "completed_at": completed if completed is None else moment(completed),
        "updated_at": moment(updated),
    }


def test_merge_keeps_the_earliest_dates_and_the_best_score():
    merged = merge.merge_progress(
        [row(marked=30, score=60, completed=None, updated=31), row(marked=10, score=90, completed=12, updated=12)],
        pass_mark=80,
    )
    assert merged == {"marked_done_at": moment(10), "best_score": 90, "completed_at": moment(12)}


def test_merge_keeps_a_completion_even_when_a_later_row_scored_less():
    merged = merge.merge_progress(
        [row(marked=5, score=100, completed=6, updated=6), row(marked=50, score=20, updated=55)], pass_mark=80
    )
    assert merged == {"marked_done_at": moment(5), "best_score": 100, "completed_at": moment(6)}


def test_merge_completes_when_the_halves_were_done_in_two_languages():
    marked_here = row(marked=10, updated=10)
    passed_there = row(score=85, updated=40)
    merged = merge.merge_progress([marked_here, passed_there], pass_mark=80)
    assert merged["completed_at"] == moment(40)
    assert merge.merge_progress([marked_here, row(score=70, updated=40)], pass_mark=80)["completed_at"] is None
    assert merge.merge_progress([row(score=100, updated=3)], pass_mark=80)["completed_at"] is None
    assert merge.merge_progress([marked_here, row(updated=1)], pass_mark=None)["completed_at"] == moment(10)


def test_merge_of_rows_with_nothing_in_them_gives_nothing():
    assert merge.merge_progress([row(updated=1), row(updated=2)]) == {
        "marked_done_at": None,
        "best_score": None,
        "completed_at": None,
    }


def test_of_two_attestations_the_earliest_counts():
    class Issued:
        def __init__(self, pk, minutes):
            self.pk, self.completed_at = pk, moment(minutes)

    kept, superseded = merge.split_superseded([Issued(3, 20), Issued(1, 50), Issued(2, 20)])
    assert kept.pk == 2
    assert [attestation.pk for attestation in superseded] == [3, 1]
