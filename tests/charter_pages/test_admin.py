"""Editors build and edit the whole charter in the admin, without touching code."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from charter_pages.models import CharterChapter, CharterPage, Commitment, GlossaryTerm
from site_core.models import HomePage
from tests.factories import CharterPageFactory, HomePageFactory


def commitment_form(number, title, order):
    return {
        "number": number,
        "title": title,
        "promise": f"Nous nous engageons à {title.lower()}.",
        "citizen_meaning": "Vous savez à quoi vous attendre.",
        "evidence": "La date est affichée sur chaque concertation.",
        "official_reference": f"Article {number}",
        "easy_read_text": "",
        "pictogram": "",
        "pictogram_alt": "",
        "ORDER": order,
    }


def charter_form(commitments, slug="charte"):
    return nested_form_data(
        {
            "title": "Charte de la participation",
            "slug": slug,
            "lead": "Un contrat entre la Métropole et vous.",
            "preamble": rich_text("<p>Écrite avec des habitants.</p>"),
            "chapters": inline_formset(
                [
                    {
                        "title": "Informer avant de décider",
                        "introduction": "",
                        "ORDER": 1,
                        "commitments": inline_formset(commitments, min=1),
                    }
                ]
            ),
            "reciprocal_commitments": inline_formset(
                [{"title": "Respecter les autres", "description": "", "easy_read_text": "", "ORDER": 1}]
            ),
            "editions": inline_formset(
                [{"name": "Édition 2021", "date": "2021-06-28", "summary": rich_text(""), "document": "", "ORDER": 1}]
            ),
            "adoption_body": "Conseil métropolitain",
            "adoption_date": "2016-12-02",
            "deliberation_reference": "",
            "official_document": "",
            "easy_read_intro": "",
            "falc_logo": "",
        }
    )


@pytest.mark.django_db
class TestEditorsBuildTheCharter(WagtailPageTestCase):
    def setUp(self):
        self.user = self.login()
        self.home = HomePageFactory(slug="accueil-test")

    def test_editor_creates_a_charter_with_chapters_and_commitments(self):
        self.assertCanCreateAt(HomePage, CharterPage)
        self.assertCanCreate(
            self.home,
            CharterPage,
            charter_form(
                [commitment_form(1, "Annoncer l'effet de votre avis", 1), commitment_form(2, "Publier un bilan", 2)]
            ),
        )
        page = CharterPage.objects.get(slug="charte")
        chapter = CharterChapter.objects.get(page=page)
        assert [str(c) for c in Commitment.objects.filter(chapter=chapter).order_by("sort_order")] == [
            "1. Annoncer l'effet de votre avis",
            "2. Publier un bilan",
        ]
        assert page.editions.get().date == datetime.date(2021, 6, 28)

    def test_two_commitments_cannot_share_a_number(self):
        url = reverse("wagtailadmin_pages:add", args=("charter_pages", "charterpage", self.home.pk))
        data = charter_form([commitment_form(4, "Premier", 1), commitment_form(4, "Second", 2)])
        response = self.client.post(url, data)
        assert response.status_code == 200
        html = response.content.decode()
        assert "ces numéros sont utilisés deux fois : 4" in html
        assert "Un autre engagement de la charte a déjà ce numéro." in html
        assert not CharterPage.objects.exists()

    def test_edit_view_has_french_help_and_content_checks(self):
        page = CharterPageFactory(parent=self.home)
        with self.settings(LANGUAGE_CODE="fr"):
            profile = UserProfile.get_for_user(self.user)
            profile.preferred_language = "fr"
            profile.save()
            response = self.client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        html = response.content.decode()
        assert response.status_code == 200
        assert "La promesse de l&#x27;institution, qui commence par « Nous nous engageons à… »." in html
        assert "Comment n&#x27;importe qui peut vérifier que l&#x27;engagement est tenu" in html
        assert "data-content-readability-score" in html, "Wagtail's content checks (readability) are shown"

    def test_preview_shows_unsaved_chapters_and_commitments(self):
        page = CharterPageFactory(parent=self.home)
        chapter = CharterChapter(title="Chapitre en cours d'écriture", sort_order=0)
        chapter.commitments = [
            Commitment(number=21, title="Engagement pas encore publié", promise="Nous nous engageons à essayer.")
        ]
        page.chapters = [chapter]
        for mode in ("", "facile"):
            response = page.make_preview_request(preview_mode=mode or None)
            html = response.content.decode() if hasattr(response, "content") else response.rendered_content
            assert response.status_code == 200
            assert "Engagement pas encore publié" in html

    def test_every_field_has_help_text(self):
        from charter_pages.models import CharterEdition, ReciprocalCommitment

        skipped = {"id", "page_ptr", "translation_key", "locale", "sort_order", "page", "chapter", "index_entries"}
        for model in (CharterChapter, Commitment, ReciprocalCommitment, CharterEdition, GlossaryTerm):
            for field in model._meta.concrete_fields:
                if field.name not in skipped:
                    assert field.help_text, f"{model.__name__}.{field.name} has no help text"
        for name in ("lead", "preamble", "adoption_body", "official_document", "easy_read_checked", "falc_logo"):
            assert CharterPage._meta.get_field(name).help_text

    def test_glossary_is_a_translatable_snippet_in_the_admin(self):
        response = self.client.post(
            reverse("wagtailsnippets_charter_pages_glossaryterm:add"),
            {"term": "concertation", "definition": "Un temps où la Métropole demande votre avis."},
        )
        assert response.status_code == 302
        term = GlossaryTerm.objects.get()
        assert term.locale.language_code == "fr"
