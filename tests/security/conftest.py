"""A small site where every kind of non-public content sits beside public content, named so a leak is easy to spot.

Every title carries the word "Zéphyr", so one search finds them all; what may be shown carries "public",
what must never be shown to an anonymous visitor carries one of SECRETS.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction

from consultations.models import Territory
from site_core.models import NavigationMenu, NavigationMenuItem
from tests.factories import (
    AttestationVerificationPageFactory,
    CharterPageFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    DashboardPageFactory,
    HomePageFactory,
    LabelLevelFactory,
    LabelPageFactory,
    StandardPageFactory,
    TrainingIndexPageFactory,
    UserFactory,
    training_module,
)
from training import progress

# Words that only non-public content holds: none may reach an anonymous visitor by any channel.
SECRETS = [
    "Zéphyr brouillon",
    "Zéphyr réservé",
    "Zéphyr interne",
    "Zéphyr formation",
    "Leçon Zéphyr",
    "Atelier brouillon",
    "Atelier réservé",
    "révision non publiée",
    "Lien brouillon",
    "Lien réservé",
    "Lien formation",
]


def restrict(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def upcoming_event(title, days=10):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    return {
        "title": title,
        "start": start,
        "end": start + datetime.timedelta(hours=2),
        "address": "Hôtel de la Métropole",
    }


@pytest.fixture(scope="module")
def leaky_site(django_db_setup, django_db_blocker):
    """Built once per test module inside a transaction rolled back after it (each test adds its own savepoint):
    public pages beside a draft, private pages, a page with an unpublished revision and the training section."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_leaky_site()
        transaction.set_rollback(True)


def build_leaky_site():
    home_page = HomePageFactory()
    index_page = ConsultationIndexPageFactory(parent=home_page, title="Concertations", slug="concertations")
    today = datetime.date.today()
    phases = [(today - datetime.timedelta(days=5), today + datetime.timedelta(days=30))]
    public = ConsultationPageFactory(
        parent=index_page,
        slug="zephyr-public",
        phases=phases,
        title="Zéphyr public",
        events=[upcoming_event("Atelier public")],
    )
    draft = ConsultationPageFactory(
        parent=index_page,
        draft=True,
        slug="zephyr-brouillon",
        title="Zéphyr brouillon",
        answer_due_date=today + datetime.timedelta(days=90),
        events=[upcoming_event("Atelier brouillon")],
    )
    private = restrict(
        ConsultationPageFactory(
            parent=index_page,
            slug="zephyr-reserve",
            phases=phases,
            title="Zéphyr réservé",
            events=[upcoming_event("Atelier réservé")],
        )
    )
    internal = restrict(
        StandardPageFactory(parent=home_page, title="Zéphyr interne", slug="zephyr-interne", introduction="Note.")
    )
    revised = StandardPageFactory(
        parent=home_page, title="Zéphyr page publique", slug="zephyr-page", introduction="Texte en ligne."
    )
    revised.introduction = "Zéphyr révision non publiée"
    revised.save_revision()

    training_index = TrainingIndexPageFactory(
        parent=home_page, title="Zéphyr formation accueil", slug="formations", introduction="Zéphyr."
    )
    module, lessons = training_module(
        parent=training_index, slug="zephyr-module", title="Zéphyr formation module", lessons=2
    )
    for lesson in lessons:
        lesson.title = f"Leçon Zéphyr {lesson.title}"
        lesson.save_revision().publish()

    dashboard = DashboardPageFactory(
        parent=home_page, title="Tableau de bord", slug="tableau-de-bord", introduction="Les chiffres."
    )

    menu = NavigationMenu.objects.create(location=NavigationMenu.MAIN, locale=home_page.locale)
    for label, page in [
        ("Lien public", public),
        ("Lien brouillon", draft),
        ("Lien réservé", private),
        ("Lien formation", training_index),
    ]:
        NavigationMenuItem.objects.create(menu=menu, page=page, label=label)

    return SimpleNamespace(
        home=home_page,
        index=index_page,
        public=public,
        draft=draft,
        private=private,
        internal=internal,
        revised=revised,
        dashboard=dashboard,
        training_index=training_index,
        module=module,
        lessons=lessons,
    )


@pytest.fixture
def trainee(staff_group):
    """A staff member who completed nothing."""
    user = UserFactory(username="agent.debutant", first_name="Camille", last_name="Débutant")
    user.groups.add(staff_group)
    return user


@pytest.fixture
def graduate(staff_group, leaky_site):
    """A staff member who completed the training module (progress and attestation)."""
    user = UserFactory(username="agent.diplome", first_name="Aurore", last_name="Diplômée")
    user.groups.add(staff_group)
    for lesson in leaky_site.lessons:
        progress.mark_done(user, lesson)
        progress.record_quiz_score(user, lesson, 100)
    return user


@pytest.fixture
def staff_group(db):
    return Group.objects.get(name="Staff")  # created by training's data migration


def build_public_site():
    """The leaky site, plus the public pages that read values from their address: a charter with numbered
    commitments, the attestation check page, a consultation with a theme and a territory, the citizen label."""
    site = build_leaky_site()
    site.charter = CharterPageFactory(parent=site.home)
    site.verification = AttestationVerificationPageFactory(
        parent=site.home, title="Vérifier une attestation", slug="verifier"
    )
    territory = Territory.objects.create(name="Val-de-Marque", slug="val-de-marque", locale=site.home.locale)
    site.public.territories.add(territory)
    site.public.themes.add("Mobilité")
    site.public.save_revision().publish()
    site.event_ics_url = site.public.url + f"evenements/{site.public.events.first().pk}.ics"
    LabelLevelFactory()
    site.label = LabelPageFactory(parent=site.home)
    return site


@pytest.fixture(scope="module")
def public_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_public_site()
        transaction.set_rollback(True)
