"""Editors build the section in the admin: where each page type goes, and quizzes that must make sense."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from site_core.models import HomePage, StandardPage
from training.models import (
    AttestationVerificationPage,
    TrainingIndexPage,
    TrainingLessonPage,
    TrainingModulePage,
)


def test_page_tree_rules():
    assert TrainingIndexPage.allowed_parent_page_models() == [HomePage]
    assert TrainingModulePage.allowed_parent_page_models() == [TrainingIndexPage]
    assert TrainingLessonPage.allowed_parent_page_models() == [TrainingModulePage]
    assert TrainingLessonPage.allowed_subpage_models() == []
    assert AttestationVerificationPage.allowed_parent_page_models() == [HomePage]
    assert StandardPage not in TrainingIndexPage.allowed_subpage_models()


def choice(text, correct, index):
    value = {"text": text}
    if correct:
        value["is_correct"] = "on"
    return {"value": value, "deleted": "", "order": str(index), "id": ""}


def lesson_form(choices):
    return nested_form_data(
        {
            "title": "Leçon créée dans l'admin",
            "slug": "lecon-admin",
            "introduction": "",
            "pass_mark": "80",
            "body": streamfield(
                [
                    (
                        "quiz",
                        {
                            "question": "Quand annoncer l'impact ?",
                            "choices": {
                                "count": str(len(choices)),
                                **{str(index): choice(text, ok, index) for index, (text, ok) in enumerate(choices)},
                            },
                            "explanation": rich_text("<p>Dès le lancement.</p>"),
                        },
                    )
                ]
            ),
            "action-publish": "publish",
        }
    )


def add_lesson(admin_client, module, choices):
    url = reverse("wagtailadmin_pages:add", args=("training", "traininglessonpage", module.pk))
    return admin_client.post(url, lesson_form(choices))


def test_editor_creates_a_lesson_with_a_quiz(admin_client, module_with_lessons):
    module, _lessons = module_with_lessons
    response = add_lesson(admin_client, module, [("Au lancement", True), ("Dans le bilan", False)])
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson = TrainingLessonPage.objects.get(slug="lecon-admin")
    quiz = lesson.body[0].value
    assert [c["is_correct"] for c in quiz["choices"]] == [True, False]


def test_a_quiz_without_a_correct_answer_is_refused(admin_client, module_with_lessons):
    module, _lessons = module_with_lessons
    response = add_lesson(admin_client, module, [("Au lancement", False), ("Dans le bilan", False)])
    assert response.status_code == 200
    assert not TrainingLessonPage.objects.filter(slug="lecon-admin").exists()


def test_a_quiz_needs_two_choices(admin_client, module_with_lessons):
    module, _lessons = module_with_lessons
    response = add_lesson(admin_client, module, [("Au lancement", True)])
    assert response.status_code == 200
    assert not TrainingLessonPage.objects.filter(slug="lecon-admin").exists()


def test_editor_creates_a_module_with_a_session(admin_client, training_index):
    url = reverse("wagtailadmin_pages:add", args=("training", "trainingmodulepage", training_index.pk))
    data = nested_form_data(
        {
            "title": "Nouveau module",
            "slug": "nouveau-module",
            "introduction": "",
            "audience": "Services techniques",
            "duration_hours": "7",
            "duration_label": "",
            "format": "in_person",
            "objectives": rich_text("<ul><li>Savoir.</li></ul>"),
            "resources": streamfield([]),
            "prerequisites": inline_formset([]),
            "sessions": inline_formset(
                [
                    {
                        "starts_at": "2027-01-12 09:00",
                        "ends_at": "2027-01-12 17:00",
                        "place": "Hôtel de la Métropole",
                        "capacity": "12",
                        "trainer": "Mission participation",
                        "registration_url": "",
                    }
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    module = TrainingModulePage.objects.get(slug="nouveau-module")
    assert module.sessions.get().place == "Hôtel de la Métropole"


@pytest.mark.parametrize("model", ["trainingindexpage", "trainingmodulepage", "traininglessonpage"])
def test_editors_can_edit_training_pages(admin_client, module_with_lessons, training_index, model):
    module, lessons = module_with_lessons
    page = {"trainingindexpage": training_index, "trainingmodulepage": module, "traininglessonpage": lessons[0]}[model]
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code == 200


def test_staff_profiles_are_managed_in_the_admin(admin_client, staff_user):
    response = admin_client.post(
        reverse("training_staff_profiles:add"), {"user": staff_user.pk, "service": "Direction de l'habitat"}
    )
    assert response.status_code == 302
    assert staff_user.training_profile.service == "Direction de l'habitat"
    assert admin_client.get(reverse("training_staff_profiles:index"), {"q": "habitat"}).status_code == 200


def test_a_session_must_end_after_it_starts(module_with_lessons):
    import datetime

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from training.models import TrainingSession

    start = timezone.now()
    session = TrainingSession(
        module=module_with_lessons[0], starts_at=start, ends_at=start - datetime.timedelta(hours=1), place="Salle 3"
    )
    with pytest.raises(ValidationError) as error:
        session.clean()
    assert "ends_at" in error.value.message_dict


def test_a_module_is_not_its_own_prerequisite(module_with_lessons):
    from django.core.exceptions import ValidationError

    from training.models import ModulePrerequisite

    module = module_with_lessons[0]
    with pytest.raises(ValidationError):
        ModulePrerequisite(module=module, required_module=module).clean()
