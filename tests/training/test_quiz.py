"""Quizzes: graded on the server, answers never in the page before submission, best score kept."""

import pytest

from tests.utils import visible_text
from training.models import LessonProgress


@pytest.fixture
def lesson(module_with_lessons):
    return module_with_lessons[1][0]


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def question_ids(lesson):
    return [block.id for block in lesson.body if block.block_type == "quiz"]


def answer(client, lesson, single, multiple):
    single_id, multiple_id = question_ids(lesson)
    data = {"action": "quiz", f"q-{single_id}": single, f"q-{multiple_id}": multiple}
    return client.post(lesson.url, data)


def best_score(user, lesson):
    return LessonProgress.objects.for_lesson(lesson).get(user=user).best_score


def test_the_page_never_says_which_answers_are_correct(staff_client, lesson):
    response = staff_client.get(lesson.url)
    html = response.content.decode()
    assert "Quand annoncer l'impact des contributions ?" in visible_text(response)
    assert "Au lancement" in html and "Dans le bilan" in html
    assert "is_correct" not in html
    assert "bonne réponse" not in html.lower()
    assert "Explication : dès le lancement" not in html  # explanations only after answering
    assert 'type="radio"' in html  # one correct answer
    assert 'type="checkbox"' in html  # several correct answers
    assert "Plusieurs réponses sont justes : cochez-les toutes." in html


def test_all_correct_including_every_correct_choice_of_a_multiple_question(staff_client, staff_user, lesson):
    response = answer(staff_client, lesson, "0", ["0", "1"])
    assert response.status_code == 200
    text = visible_text(response)
    assert "Vous avez bien répondu à 2 questions sur 2 (100 %)." in text
    assert "Quiz réussi." in text
    assert "Explication : dès le lancement de la concertation." in text
    assert best_score(staff_user, lesson) == 100


def test_missing_one_correct_choice_of_a_multiple_question_is_wrong(staff_client, staff_user, lesson):
    text = visible_text(answer(staff_client, lesson, "0", ["0"]))
    assert "Vous avez bien répondu à 1 question sur 2 (50 %)." in text
    assert "Mauvaise réponse" in text
    assert best_score(staff_user, lesson) == 50


def test_an_extra_wrong_choice_makes_a_multiple_question_wrong(staff_client, staff_user, lesson):
    answer(staff_client, lesson, "0", ["0", "1", "2"])
    assert best_score(staff_user, lesson) == 50


def test_the_best_score_is_kept(staff_client, staff_user, lesson):
    answer(staff_client, lesson, "0", ["0", "1"])
    answer(staff_client, lesson, "1", ["2"])
    assert best_score(staff_user, lesson) == 100
    assert LessonProgress.objects.for_lesson(lesson).filter(user=staff_user).count() == 1


@pytest.mark.parametrize(
    "single,multiple",
    [
        (["0", "1"], ["0", "1"]),  # two answers to a single-answer question
        ("7", ["0", "1"]),  # a choice that does not exist
        ("-1", ["0", "1"]),
        ("zéro", ["0", "1"]),
        ("0 OR 1=1", ["0", "1"]),
        ("", ["0", "1"]),
        ("²", ["0", "1"]),
        ("٠", ["0", "1"]),
        ("9" * 5000, ["0", "1"]),
    ],
)
def test_a_tampered_form_never_earns_points(staff_client, staff_user, lesson, single, multiple):
    response = answer(staff_client, lesson, single, multiple)
    assert response.status_code == 200
    assert best_score(staff_user, lesson) == 50  # only the untouched question counts


def test_answers_to_unknown_questions_are_ignored(staff_client, staff_user, lesson):
    response = staff_client.post(lesson.url, {"action": "quiz", "q-not-a-question": "0", "q-": "1"})
    assert response.status_code == 200
    assert best_score(staff_user, lesson) == 0


def test_an_unknown_action_changes_nothing(staff_client, staff_user, lesson):
    response = staff_client.post(lesson.url, {"action": "delete-everything"})
    assert response.status_code == 302
    assert not LessonProgress.objects.exists()


def test_the_answers_are_kept_in_the_form_after_grading(staff_client, lesson):
    single_id, _multiple_id = question_ids(lesson)
    html = answer(staff_client, lesson, "1", ["0"]).content.decode()
    assert f'id="q-{single_id}-1" value="1" checked' in html
    assert f'id="q-{single_id}-0" value="0">' in html


def test_a_lesson_with_a_quiz_needs_the_pass_mark_to_be_complete(staff_client, staff_user, lesson):
    staff_client.post(lesson.url, {"action": "done"})
    answer(staff_client, lesson, "0", ["0"])  # 50 % < 80 %
    record = LessonProgress.objects.for_lesson(lesson).get(user=staff_user)
    assert record.marked_done_at is not None and record.completed_at is None
    text = visible_text(staff_client.get(lesson.url))
    assert "La leçon sera terminée quand vous aurez atteint 80 % au quiz." in text
    assert "Votre meilleur score jusqu'ici : 50 %." in text
    answer(staff_client, lesson, "0", ["0", "1"])
    record.refresh_from_db()
    assert record.completed_at is not None
    assert "Leçon terminée le" in visible_text(staff_client.get(lesson.url))


def test_the_pass_mark_is_the_editors(staff_client, staff_user, lesson):
    lesson.pass_mark = 50
    lesson.save_revision().publish()
    staff_client.post(lesson.url, {"action": "done"})
    answer(staff_client, lesson, "0", ["0"])
    assert LessonProgress.objects.for_lesson(lesson).get(user=staff_user).completed_at is not None


def test_a_quiz_block_needs_a_correct_answer():
    from django.core.exceptions import ValidationError

    from training.blocks import QuizBlock

    block = QuizBlock()
    value = block.to_python(
        {
            "question": "?",
            "choices": [{"text": "a", "is_correct": False}, {"text": "b", "is_correct": False}],
            "explanation": "<p>x</p>",
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)
