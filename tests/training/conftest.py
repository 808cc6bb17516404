"""Training fixtures: the Staff group's members, a catalogue with modules and lessons, the public check page."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.utils import publish_child
from training.models import AttestationVerificationPage, TrainingIndexPage, TrainingLessonPage, TrainingModulePage

PASSWORD = "correct horse battery staple"  # noqa: S105 - test accounts only


def quiz_block(question, choices, explanation="<p>Parce que la charte le dit.</p>"):
    return (
        "quiz",
        {
            "question": question,
            "choices": [{"text": text, "is_correct": correct} for text, correct in choices],
            "explanation": explanation,
        },
    )


SINGLE = quiz_block(
    "Quand annoncer l'impact des contributions ?",
    [("Au lancement", True), ("Dans le bilan", False), ("Jamais", False)],
    "<p>Explication : dès le lancement de la concertation.</p>",
)
MULTIPLE = quiz_block(
    "Qui la charte engage-t-elle ?",
    [("La Métropole", True), ("Les participants", True), ("Personne", False)],
)


@pytest.fixture
def staff_group(db):
    return Group.objects.get(name="Staff")  # created by training's data migration


def make_user(username, **fields):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)
    return user


@pytest.fixture
def staff_user(staff_group):
    user = make_user("agent.test", first_name="Dominique", last_name="Martin")
    user.groups.add(staff_group)
    return user


@pytest.fixture
def other_user(db):
    return make_user("habitant", first_name="Sam", last_name="Habitant")


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(username="editrice", password=PASSWORD, email="e@example.org")


@pytest.fixture
def training_index(home_page):
    return publish_child(
        home_page,
        TrainingIndexPage(title="Formations", slug="formations", introduction="Se former à la participation."),
    )


def add_module(index, slug="charte", title="La charte en pratique", lessons=3, quiz=True, **fields):
    module = publish_child(
        index,
        TrainingModulePage(
            title=title,
            slug=slug,
            audience="Tous les services",
            duration_hours=7,
            duration_label="1 journée",
            format=TrainingModulePage.MIXED,
            objectives="<ul><li>Expliquer la charte.</li></ul>",
            **fields,
        ),
    )
    pages = []
    for number in range(1, lessons + 1):
        body = [("paragraph", f"<p>Contenu de la leçon {number}.</p>")]
        if quiz:
            body += [SINGLE, MULTIPLE]
        pages.append(
            publish_child(module, TrainingLessonPage(title=f"Leçon {number}", slug=f"lecon-{number}", body=body))
        )
    return module, pages


@pytest.fixture
def module_with_lessons(training_index):
    return add_module(training_index)


@pytest.fixture
def verification_page(home_page):
    return publish_child(
        home_page,
        AttestationVerificationPage(
            title="Vérifier une attestation", slug="verifier", introduction="Saisissez le code de l'attestation."
        ),
    )


@pytest.fixture
def add_module_factory():
    return add_module
