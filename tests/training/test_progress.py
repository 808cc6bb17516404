"""Progress: one record per person and lesson, idempotent posts, figures in the catalogue and "My training"."""

import pytest
from django.db import IntegrityError, transaction

from tests.factories import training_module
from tests.utils import visible_text
from training import progress
from training.models import Attestation, LessonProgress


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def pass_lesson(user, lesson):
    progress.mark_done(user, lesson)
    progress.record_quiz_score(user, lesson, 100)


def test_marking_done_twice_changes_nothing(staff_client, staff_user, module_with_lessons):
    lesson = module_with_lessons[1][0]
    first = staff_client.post(lesson.url, {"action": "done"})
    assert first.status_code == 302
    assert first["Location"].endswith(lesson.url + "#progression")
    record = LessonProgress.objects.for_lesson(lesson).get(user=staff_user)
    staff_client.post(lesson.url, {"action": "done"})
    assert LessonProgress.objects.for_lesson(lesson).filter(user=staff_user).count() == 1
    again = LessonProgress.objects.for_lesson(lesson).get(user=staff_user)
    assert again.marked_done_at == record.marked_done_at
    assert again.updated_at == record.updated_at  # not even re-saved


def test_the_database_refuses_a_second_record(staff_user, module_with_lessons):
    lesson = module_with_lessons[1][0]
    LessonProgress.objects.create(user=staff_user, lesson_key=lesson.translation_key)
    with pytest.raises(IntegrityError), transaction.atomic():
        LessonProgress.objects.create(user=staff_user, lesson_key=lesson.translation_key)


def test_a_lesson_without_quiz_is_complete_once_marked_done(staff_client, staff_user, training_index):

    _module, lessons = training_module(
        parent=training_index, slug="sans-quiz", title="Sans quiz", lessons=2, quiz=False
    )
    html = staff_client.get(lessons[0].url).content.decode()
    assert 'name="action" value="quiz"' not in html
    staff_client.post(lessons[0].url, {"action": "done"})
    assert LessonProgress.objects.for_lesson(lessons[0]).get(user=staff_user).completed_at is not None


def test_marking_done_without_the_quiz_does_not_complete(staff_client, staff_user, module_with_lessons):
    lesson = module_with_lessons[1][0]
    staff_client.post(lesson.url, {"action": "done"})
    assert LessonProgress.objects.for_lesson(lesson).get(user=staff_user).completed_at is None


def test_progress_figures_in_catalogue_module_and_my_training(
    staff_client, staff_user, training_index, module_with_lessons
):
    module, lessons = module_with_lessons
    for lesson in lessons[:2]:
        pass_lesson(staff_user, lesson)
    progress.mark_done(staff_user, lessons[2])  # started, not complete
    catalogue = visible_text(staff_client.get(training_index.url))
    assert "2 leçons sur 3" in catalogue
    assert "En cours" in catalogue
    assert "Tous les services" in catalogue and "1 journée (7 heures)" in catalogue
    assert "Pas commencé" not in catalogue
    assert "Mixte (en ligne et en présentiel)" in catalogue
    html = staff_client.get(training_index.url).content.decode()
    assert 'max="3" value="2"' in html
    module_page = visible_text(staff_client.get(module.url))
    assert "2 leçons sur 3" in module_page
    assert "Continuer : Leçon 3" in module_page
    mine = visible_text(staff_client.get(training_index.url + "mon-parcours/"))
    assert "0 module terminé sur 1." in mine
    assert "Disponible quand toutes les leçons sont terminées" in mine


def test_a_module_is_complete_when_all_its_lessons_are(staff_client, staff_user, training_index, module_with_lessons):
    module, lessons = module_with_lessons
    for lesson in lessons[:-1]:
        pass_lesson(staff_user, lesson)
    assert not Attestation.objects.exists()
    pass_lesson(staff_user, lessons[-1])
    attestation = Attestation.objects.get(user=staff_user, module=module)
    assert attestation.holder_name == "Dominique Martin"
    mine = visible_text(staff_client.get(training_index.url + "mon-parcours/"))
    assert "1 module terminé sur 1." in mine
    assert "Terminé " in mine
    assert "Voir et imprimer mon attestation" in visible_text(staff_client.get(module.url))


def test_progress_belongs_to_each_person(client, staff_user, editor, training_index, module_with_lessons):
    _module, lessons = module_with_lessons
    pass_lesson(staff_user, lessons[0])
    client.force_login(editor)
    assert "0 leçon sur 3" in visible_text(client.get(training_index.url))


def test_lessons_in_order_with_their_status(staff_client, staff_user, module_with_lessons):
    module, lessons = module_with_lessons
    pass_lesson(staff_user, lessons[0])
    text = visible_text(staff_client.get(module.url))
    assert text.index("Leçon 1 Terminée") < text.index("Leçon 2 Pas commencée") < text.index("Leçon 3 Pas commencée")


def test_prerequisites_show_where_the_person_is(staff_client, staff_user, training_index, module_with_lessons):
    from training.models import ModulePrerequisite

    charter, lessons = module_with_lessons
    method, _ = training_module(parent=training_index, slug="methode", title="La méthode", lessons=1)
    ModulePrerequisite.objects.create(module=method, required_module=charter, sort_order=0, locale=method.locale)
    assert "À suivre avant ce module La charte en pratique Pas commencé" in visible_text(staff_client.get(method.url))
    for lesson in lessons:
        pass_lesson(staff_user, lesson)
    assert "À suivre avant ce module La charte en pratique Terminé" in visible_text(staff_client.get(method.url))
