"""The demo content's data files: one a builder cannot use stops seed_demo with a message naming the file and what
is wrong, and leaves the database as it was."""

import os

import pytest
import yaml
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from charter_pages import demo_content as charter_demo
from consultations import demo_content as consultations_demo
from consultations import demo_contributions
from consultations.indicators import demo_content as dashboard_demo
from consultations.label import demo_content as label_demo
from site_core import demo_content as site_demo
from site_core.models import HomePage
from training import demo_content as training_demo


def seed_with_consultations_data(monkeypatch, path, text):
    path.write_text(text, encoding="utf-8")
    # The consultations' builder runs after the site's and the charter's: their writes must be undone too.
    monkeypatch.setattr(consultations_demo, "DATA", path)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.mark.django_db
def test_a_missing_required_key_stops_seed_demo_naming_the_file_and_the_key(monkeypatch, tmp_path):
    text = consultations_demo.DATA.read_text(encoding="utf-8")
    # The first event of the walking plan loses the day it takes place on.
    broken = text.replace("    day: -35\n", "", 1)
    assert broken != text
    pages, images = Page.objects.count(), get_image_model().objects.count()

    with pytest.raises(CommandError) as raised:
        seed_with_consultations_data(monkeypatch, tmp_path / "consultations.yaml", broken)

    message = str(raised.value)
    assert str(tmp_path / "consultations.yaml") in message
    assert "'day'" in message and "consultations[0] (plan-marche).events[0]" in message
    assert Page.objects.count() == pages and not HomePage.objects.exists()
    assert get_image_model().objects.count() == images


@pytest.mark.django_db
def test_a_file_that_is_not_yaml_stops_seed_demo_naming_the_file(monkeypatch, tmp_path):
    with pytest.raises(CommandError, match="consultations.yaml: cannot be read as YAML"):
        seed_with_consultations_data(monkeypatch, tmp_path / "consultations.yaml", "index: [unclosed\n")
    assert not HomePage.objects.exists()


def test_each_room_finds_its_data_file_next_to_its_builder():
    paths = [
        consultations_demo.DATA,
        consultations_demo.CONTRIBUTIONS_DATA,
        label_demo.DATA,
        label_demo.CONTRIBUTIONS_DATA,
        dashboard_demo.DATA,
        charter_demo.DATA,
        charter_demo.DELIBERATION_DATA,
        training_demo.DATA,
        site_demo.SITE_DATA,
        site_demo.LEGAL_DATA,
    ]
    for path in paths:
        assert path.is_file(), path


@pytest.mark.django_db
def test_contributions_data_that_would_repeat_a_text_stops_seed_demo_naming_the_consultation(monkeypatch, tmp_path):
    data = yaml.safe_load(consultations_demo.CONTRIBUTIONS_DATA.read_text(encoding="utf-8"))
    featured = data["reseau-express-velo"]["featured"]
    # A second contribution at the same workshop with the same words as one already there.
    featured.append(next(dict(entry) for entry in featured if entry.get("event") == "Atelier de tracé – secteur sud"))
    path = tmp_path / "contributions.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(consultations_demo, "CONTRIBUTIONS_DATA", path)

    with pytest.raises(CommandError, match="reseau-express-velo: two contributions have the same body"):
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert not HomePage.objects.exists()


@pytest.mark.django_db
def test_a_commitment_without_its_dutch_text_stops_seed_demo_naming_the_file_and_the_key(monkeypatch, tmp_path):
    text = charter_demo.DATA.read_text(encoding="utf-8")
    # The first commitment's title loses its Dutch translation.
    broken = text.replace("      nl: Elk inspraakproces vooraf aankondigen\n", "", 1)
    assert broken != text
    path = tmp_path / "charter.yaml"
    path.write_text(broken, encoding="utf-8")
    monkeypatch.setattr(charter_demo, "DATA", path)

    with pytest.raises(CommandError) as raised:
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    message = str(raised.value)
    assert str(path) in message and "'nl'" in message and "chapters[0].commitments[0].title" in message
    assert not HomePage.objects.exists()


def test_generated_texts_visit_every_combination_once_and_subjects_come_up_by_their_weights():
    lists = [["a", "b", "c"], ["1", "2"], ["x", "y", "z", "w"]]
    picks = [tuple(demo_contributions.pick(lists, number)[0]) for number in range(24)]
    assert len(set(picks)) == 24
    # Neighbouring records differ in more than one part.
    neighbours = zip(picks, picks[1:], strict=False)
    assert all(sum(x != y for x, y in zip(one, two, strict=True)) >= 2 for one, two in neighbours)
    order = demo_contributions.spread({"kept": 3, "not kept": 1}, 8)
    assert order.count("kept") == 6 and order.count("not kept") == 2
    assert order[:4].count("kept") == 3  # interleaved, not in blocks
