"""The demo content: the case's two modules, ready to follow, and the demo agent partway through one (that seeding
twice changes nothing is tested once, in tests/site_core/test_settings_and_commands.py)."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import PageViewRestriction

from training import progress
from training.models import (
    Attestation,
    LessonProgress,
    TrainingIndexPage,
    TrainingLessonPage,
    TrainingModulePage,
)


def test_demo_content_is_complete(demo_site):
    assert_two_modules_with_lessons_quizzes_resources_and_sessions()
    assert_the_demo_agent_is_partway_through_the_charter_module()


def assert_two_modules_with_lessons_quizzes_resources_and_sessions():
    index = TrainingIndexPage.objects.get(locale__language_code="fr")
    assert PageViewRestriction.objects.filter(page=index).exists()
    modules = list(TrainingModulePage.objects.child_of(index).live())
    assert {module.duration_hours for module in modules} == {7, 21}
    for module in modules:
        lessons = list(TrainingLessonPage.objects.child_of(module).live())
        assert len(lessons) >= 3
        assert all(progress.quiz_blocks(lesson) for lesson in lessons)
        assert len(module.resources) >= 1
        assert any(session.starts_at > timezone.now() for session in module.sessions.all())


def assert_the_demo_agent_is_partway_through_the_charter_module():
    agent = get_user_model().objects.get(username="agent")
    assert agent.groups.filter(name="Staff").exists()
    assert agent.training_profile.service
    charter = TrainingModulePage.objects.get(slug="charte-de-la-participation")
    lessons = list(TrainingLessonPage.objects.child_of(charter))
    keys = [lesson.translation_key for lesson in lessons]
    done = LessonProgress.objects.filter(user=agent, lesson_key__in=keys, completed_at__isnull=False).count()
    assert 0 < done < len(lessons)
    assert not Attestation.objects.filter(user=agent).exists()
    assert Attestation.objects.exclude(user=agent).count() >= 2  # colleagues, so the report has rows
