"""Demo content for training: the catalogue (staff only), the case's two modules with lessons and quizzes,
the public attestation check, and staff accounts at different stages. The texts are in demo/training.yaml.
Métropole du Val de Marque is fictional."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from site_core import demo
from site_core.models import HomePage
from training import access, progress
from training.models import (
    AttestationVerificationPage,
    ModulePrerequisite,
    StaffProfile,
    TrainingIndexPage,
    TrainingLessonPage,
    TrainingModulePage,
    TrainingSession,
)

DATA = demo.data_file(__file__, "training.yaml")


def build_module(index, spec, registration_url):
    resource = demo.demo_document(spec["resource"]["title"], spec["resource"]["lines"])
    resources = [("document", {"document": resource, "title": ""})]
    module = demo.upsert_child_page(index, TrainingModulePage, spec["slug"], resources=resources, **spec["fields"])
    sessions = [session(row, registration_url) for row in spec["sessions"]]
    sync_children(module, "sessions", TrainingSession, sessions)
    pages = []
    for lesson in spec["lessons"]:
        fields = {name: value for name, value in lesson.items() if name != "slug"}
        pages.append(demo.upsert_child_page(module, TrainingLessonPage, lesson["slug"], **fields))
    return module, pages


def sync_children(page, relation, model, wanted):
    """Give `page` exactly the `wanted` child rows (as dicts), publishing a revision only when they differ, so
    the admin's editor (which reads the latest revision) shows them too."""
    names = list(wanted[0]) if wanted else []
    current = [{name: getattr(row, name) for name in names} for row in getattr(page, relation).all()]
    if current == wanted:
        return
    setattr(page, relation, [model(sort_order=position, **row) for position, row in enumerate(wanted)])
    page.save_revision().publish()


def session(row, registration_url):
    """A session `in_days` from today, starting at `start` ("HH:MM") and lasting `hours`."""
    start = demo.moment(row["in_days"], row["start"])
    return {
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=row["hours"]),
        "place": row["place"],
        "capacity": row["capacity"],
        "trainer": row["trainer"],
        "registration_url": registration_url,
    }


def complete_lesson(user, lesson):
    progress.mark_done(user, lesson)
    if progress.quiz_blocks(lesson):
        progress.record_quiz_score(user, lesson, 100)


@demo.register(order=30)
def build_training(stdout):
    data = demo.load_data(DATA)
    fr_home = HomePage.objects.get(locale__language_code="fr", depth=2)
    index = demo.upsert_page_from_data(fr_home, TrainingIndexPage, data["index"])
    access.ensure_view_restriction(index)

    demo.upsert_page_from_data(fr_home, AttestationVerificationPage, data["verification"])

    modules, lessons = {}, {}
    for spec in data["modules"]:
        modules[spec["slug"]], lessons[spec["slug"]] = build_module(index, spec, data["session_registration_url"])
    for spec in data["modules"]:
        required = [{"required_module": modules[slug]} for slug in spec.get("requires", [])]
        sync_children(modules[spec["slug"]], "prerequisites", ModulePrerequisite, required)

    learners = data["learners"]
    build_learners(learners, lessons[learners["module"]])


def build_learners(spec, lessons):
    """The demo agent is partway through a module; colleagues have completed it (for the report)."""
    User = get_user_model()
    staff_group = Group.objects.get(name=access.STAFF_GROUP_NAME)
    agent = User.objects.filter(username=spec["agent"]).first()
    if agent is not None:
        agent.groups.add(staff_group)
        StaffProfile.objects.update_or_create(user=agent, defaults={"service": spec["agent_service"]})
        for lesson in lessons[: spec["agent_lessons_done"]]:
            complete_lesson(agent, lesson)
    for colleague in spec["colleagues"]:
        username, service = colleague["username"], colleague["service"]
        person, created = User.objects.get_or_create(
            username=username,
            defaults={name: colleague[name] for name in ("first_name", "last_name", "email")},
        )
        if created:
            person.set_unusable_password()
            person.save()
        person.groups.add(staff_group)
        StaffProfile.objects.update_or_create(user=person, defaults={"service": service})
        for lesson in lessons:
            complete_lesson(person, lesson)
