"""Training fixtures: the Staff group's members, a catalogue with modules and lessons, the public check page."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.factories import (
    PASSWORD,
    AttestationVerificationPageFactory,
    TrainingIndexPageFactory,
    UserFactory,
    training_module,
)


@pytest.fixture
def staff_group(db):
    return Group.objects.get(name="Staff")  # created by training's data migration


@pytest.fixture
def staff_user(staff_group):
    user = UserFactory(username="agent.test", first_name="Dominique", last_name="Martin")
    user.groups.add(staff_group)
    return user


@pytest.fixture
def other_user(db):
    return UserFactory(username="habitant", first_name="Sam", last_name="Habitant")


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(username="editrice", password=PASSWORD, email="e@example.org")


@pytest.fixture
def training_index(home_page):
    return TrainingIndexPageFactory(parent=home_page)


@pytest.fixture
def module_with_lessons(training_index):
    return training_module(training_index)


@pytest.fixture
def verification_page(home_page):
    return AttestationVerificationPageFactory(parent=home_page, introduction="Saisissez le code de l'attestation.")
