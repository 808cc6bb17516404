"""Editors read the admin's help texts in their own language: French as before, English and Dutch as translations."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.utils import visible_text

HERO_TITLE_HELP = {
    "fr": "La grande phrase d'accueil : ce que le site permet, en moins de 15 mots.",
    "en": "The large welcome sentence: what the site lets people do, in fewer than 15 words.",
    "nl": "De grote welkomstzin: wat de website mogelijk maakt, in minder dan 15 woorden.",
}
TERRITORY_NAME_HELP = {
    "fr": "Le nom de la commune ou du secteur, tel que les habitants le disent.",
    "en": "The name of the municipality or area, as residents say it.",
    "nl": "De naam van de gemeente of het gebied, zoals de inwoners hem zeggen.",
}
TRAINING_INTRODUCTION_HELP = {
    "fr": "Ce que les agents trouvent ici et pourquoi se former, en deux phrases.",
    "en": "What staff find here and why they should train, in two sentences.",
    "nl": "Wat het personeel hier vindt en waarom het zich moet opleiden, in twee zinnen.",
}


@pytest.fixture
def editor_in(client, django_user_model, locales):
    """Signs in a superuser whose admin language is `language`, as chosen in their account settings."""

    def sign_in(language):
        user = django_user_model.objects.create_superuser(f"editrice-{language}", f"{language}@example.org", "x")
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        client.force_login(user)
        return client

    return sign_in


@pytest.mark.parametrize("language", ["fr", "en", "nl"])
def test_page_editor_shows_the_help_text_in_the_editors_language(editor_in, home_page, language):
    response = editor_in(language).get(reverse("wagtailadmin_pages:edit", args=(home_page.pk,)))

    assert response.status_code == 200
    text = visible_text(response)
    assert HERO_TITLE_HELP[language] in text
    assert all(HERO_TITLE_HELP[other] not in text for other in HERO_TITLE_HELP if other != language)


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_snippet_form_shows_the_help_text_in_the_editors_language(editor_in, language):
    response = editor_in(language).get(reverse("wagtailsnippets_consultations_territory:add"))

    assert response.status_code == 200
    assert TERRITORY_NAME_HELP[language] in visible_text(response)


def test_a_french_editor_creating_a_training_index_reads_french_help(editor_in, home_page):
    url = reverse("wagtailadmin_pages:add", args=("training", "trainingindexpage", home_page.pk))
    response = editor_in("fr").get(url)

    assert response.status_code == 200
    assert TRAINING_INTRODUCTION_HELP["fr"] in visible_text(response)
    assert TRAINING_INTRODUCTION_HELP["en"] not in visible_text(response)
