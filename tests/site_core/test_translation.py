"""The one rule for "this record in the reader's language, or its original marked with its language"
(site_core.translation) and its mark in templates (the shown_in_language tag)."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from consultations.models import Territory
from site_core.models import StandardPage
from site_core.translation import locale_preference, pick_version, shown_version, shown_versions
from tests.factories import publish_child

pytestmark = pytest.mark.sqlite


def territory(locales, name, slug, **translations):
    """A French territory and its translations ({language code: name})."""
    french = Territory.objects.create(name=name, slug=slug, locale=locales["fr"])
    for code, translated in translations.items():
        version = french.copy_for_translation(locales[code])
        version.name = translated
        version.save()
    return french


def test_a_published_translation_is_shown_in_the_readers_language(home_page, home_page_en, locales):
    shown = shown_version(home_page, locales["en"])
    assert (shown.record.pk, shown.lang, shown.is_original) == (home_page_en.pk, "", False)


def test_a_record_with_no_translation_is_its_original_marked_with_its_language(home_page, locales):
    page = publish_child(home_page, StandardPage(title="Mentions", slug="mentions"))
    shown = shown_version(page, locales["nl"])
    assert (shown.record.pk, shown.lang, shown.is_original) == (page.pk, "fr", True)
    assert shown_version(page, locales["fr"]).lang == ""  # in its own language it needs no mark


def test_a_draft_translation_is_not_shown_the_original_is(home_page, home_page_en, locales):
    page = publish_child(home_page, StandardPage(title="Mentions", slug="mentions"))
    draft = page.copy_for_translation(locales["en"])
    draft.title = "Legal notice"
    draft.save_revision()
    draft.refresh_from_db()
    assert not draft.live
    shown = shown_version(page, locales["en"])
    assert (shown.record.pk, shown.lang) == (page.pk, "fr")


def test_a_private_translation_is_not_shown_to_the_public(home_page, home_page_en, locales):
    PageViewRestriction.objects.create(page=home_page_en, restriction_type=PageViewRestriction.LOGIN)
    assert shown_version(home_page, locales["en"]).record.pk == home_page.pk
    staff = shown_versions([home_page], locales["en"], public_only=False)[0]
    assert staff.record.pk == home_page_en.pk


def test_a_record_held_in_a_third_language_falls_back_to_the_source_language(home_page, home_page_en, locales):
    """A reader of Dutch, given the English version of a page written in French, reads the French original."""
    shown = shown_version(home_page_en, locales["nl"])
    assert (shown.record.pk, shown.lang) == (home_page.pk, "fr")


def test_snippets_follow_the_same_rule(locales):
    north = territory(locales, "Secteur nord", "secteur-nord", en="North area")
    shown = shown_version(north, locales["en"])
    assert (shown.record.name, shown.lang) == ("North area", "")
    assert (shown_version(north, locales["nl"]).record.name, shown_version(north, locales["nl"]).lang) == (
        "Secteur nord",
        "fr",
    )


def territory_queries(queries):
    """The queries on territories (the cache generation read with the cached locales is one per request)."""
    return [query for query in queries if "consultations_territory" in query["sql"]]


def test_many_records_take_one_query_whatever_their_number(locales):
    places = [territory(locales, f"Secteur {n}", f"secteur-{n}", en=f"Area {n}") for n in range(5)]
    places += [territory(locales, f"Village {n}", f"village-{n}") for n in range(3)]
    with CaptureQueriesContext(connection) as queries:
        shown = shown_versions(places, locales["en"])
    assert len(territory_queries(queries)) == 1
    assert [(item.record.name, item.lang) for item in shown] == [
        *[(f"Area {n}", "") for n in range(5)],
        *[(f"Village {n}", "fr") for n in range(3)],
    ]
    with CaptureQueriesContext(connection) as queries:  # already in the reader's language: nothing to look for
        assert [item.lang for item in shown_versions(places[:2], locales["fr"])] == ["", ""]
    assert territory_queries(queries) == []


def test_values_dicts_are_read_as_records(home_page, home_page_en, locales):
    """The dashboard keeps plain values, not model instances: the rule applies to them too."""
    fields = ("id", "title", "locale_id", "translation_key")
    french = type(home_page).objects.filter(pk=home_page.pk).values(*fields).get()
    shown = shown_versions([french], locales["en"], queryset=type(home_page).objects.all(), fields=fields)[0]
    assert shown.record == {"id": home_page_en.pk, "title": "Home", "locale_id": locales["en"].pk,
                            "translation_key": home_page.translation_key}  # fmt: skip


def test_picking_among_rows_already_read_needs_no_query(locales):
    north = territory(locales, "Secteur nord", "secteur-nord", en="North area", nl="Noordelijk gebied")
    rows = list(Territory.objects.filter(translation_key=north.translation_key))
    with CaptureQueriesContext(connection) as queries:
        assert pick_version(rows, locales["nl"]).record.name == "Noordelijk gebied"
        assert pick_version([row for row in rows if row.locale_id != locales["nl"].pk], locales["nl"]).lang == "fr"
    assert territory_queries(queries) == []


def test_the_database_order_says_the_same(locales):
    north = territory(locales, "Secteur nord", "secteur-nord", en="North area", nl="Noordelijk gebied")
    ordered = Territory.objects.filter(translation_key=north.translation_key).annotate(
        preference=locale_preference(locales["en"])
    )
    assert [row.name for row in ordered.order_by("preference")][:2] == ["North area", "Secteur nord"]


def render(source, **context):
    return Template("{% load site_core_tags %}" + source).render(Context(context))


def test_the_mark_gives_the_language_and_a_notice_in_the_readers_language():
    with translation.override("en"):
        html = render("{% shown_in_language title 'fr' %}", title="Plan vélo & quais")
    assert html == (
        '<span lang="fr">Plan vélo &amp; quais</span> <span class="original-language-notice">'
        "(Not yet translated: shown in its original language, French.)</span>"
    )
    with translation.override("nl"):
        assert "Nog niet vertaald: getoond in de oorspronkelijke taal, Frans." in render(
            "{% shown_in_language title 'fr' %}", title="Plan vélo"
        )
    with translation.override("fr"):
        assert "Pas encore traduit : affiché dans sa langue d'origine, Anglais." in render(
            "{% shown_in_language title 'en' %}", title="Cycling plan"
        )


def test_the_mark_is_absent_in_the_readers_own_language_and_optional_for_dense_lists():
    with translation.override("fr"):
        assert render("{% shown_in_language title 'fr' %}", title="Plan vélo") == "Plan vélo"
        assert render("{% shown_in_language title '' %}", title="Plan vélo") == "Plan vélo"
        assert render("{% shown_in_language title 'en' notice=False %}", title="Bike") == '<span lang="en">Bike</span>'


def test_a_paragraph_keeps_its_line_breaks_with_its_notice_first():
    with translation.override("en"):
        html = render("{% shown_in_language text 'fr' block=True classes='lead' %}", text="Un.\nDeux.")
    assert html == (
        '<p class="original-language-notice">Not yet translated: shown in its original language, French.</p>'
        '<p class="lead" lang="fr">Un.<br>Deux.</p>'
    )
