"""Attestations: only for a completed module, printable, and checkable by anyone with the code."""

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from tests.utils import visible_text
from training import progress
from training.models import Attestation, StaffProfile
from training.models.records import new_verification_code, normalise_code


@pytest.fixture
def completed(staff_user, module_with_lessons):
    module, lessons = module_with_lessons
    StaffProfile.objects.create(user=staff_user, service="Direction des mobilités")
    for lesson in lessons:
        progress.mark_done(staff_user, lesson)
        progress.record_quiz_score(staff_user, lesson, 100)
    return Attestation.objects.get(user=staff_user, module=module)


def attestation_url(index, module):
    return index.url + f"attestation/{module.pk}/"


def test_no_attestation_before_the_module_is_complete(client, staff_user, training_index, module_with_lessons):
    module, lessons = module_with_lessons
    progress.mark_done(staff_user, lessons[0])
    progress.record_quiz_score(staff_user, lessons[0], 100)
    client.force_login(staff_user)
    assert client.get(attestation_url(training_index, module)).status_code == 404
    assert not Attestation.objects.exists()


def test_unknown_module_gives_404(client, staff_user, training_index):
    client.force_login(staff_user)
    assert client.get(training_index.url + "attestation/999999/").status_code == 404
    assert client.get(training_index.url + "attestation/abc/").status_code == 404


def test_someone_elses_completion_gives_no_attestation(client, editor, training_index, module_with_lessons, completed):
    client.force_login(editor)
    assert client.get(attestation_url(training_index, module_with_lessons[0])).status_code == 404


def test_printable_attestation(client, staff_user, training_index, module_with_lessons, completed, verification_page):
    client.force_login(staff_user)
    response = client.get(attestation_url(training_index, module_with_lessons[0]))
    assert response.status_code == 200
    text = visible_text(response)
    assert "Attestation de formation" in text
    assert "Nous attestons que Dominique Martin a suivi et terminé le module de formation La charte en pratique" in text
    assert "7 heures" in text
    assert date_format(timezone.localdate(completed.completed_at), "j F Y") in text
    assert completed.code in text
    assert f"http://testserver/fr/verifier/{completed.code}/" in text
    assert "A4" in text
    html = response.content.decode()
    assert 'class="attestation-page"' in html
    assert "training/css/training.css" in html


def test_verification_shows_only_name_module_and_date(client, completed, verification_page):
    response = client.get(verification_page.url + completed.code + "/")
    assert response.status_code == 200
    text = visible_text(response)
    assert "Attestation vérifiée" in text
    assert "Dominique Martin" in text
    assert "La charte en pratique" in text
    assert date_format(timezone.localdate(completed.completed_at), "j F Y") in text
    assert "Direction des mobilités" not in text  # the service is not public
    assert "7 heures" not in text
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "private" in response["Cache-Control"]


def test_verification_accepts_a_code_typed_loosely(client, completed, verification_page):
    loose = completed.code.lower().replace("-", " ")
    response = client.get(verification_page.url, {"code": loose})
    assert response.status_code == 302
    assert response["Location"] == verification_page.url + completed.code + "/"


@pytest.mark.parametrize("code", ["AAAA-AAAA-AAAA", "ABCD-EFGH-JKM0", "x", "../../etc", "A" * 300])
def test_unknown_or_malformed_codes_give_404(client, completed, verification_page, code):
    response = client.get(verification_page.url + code + "/")
    assert response.status_code == 404
    assert "Aucune attestation ne correspond à ce code" in visible_text(response) or code == "../../etc"


def test_a_malformed_code_in_the_form_is_explained(client, verification_page):
    response = client.get(verification_page.url, {"code": "pas un code"})
    assert response.status_code == 200
    text = visible_text(response)
    assert "Code de vérification : ce code n'est pas valide." in text
    assert 'value="pas un code"' in response.content.decode()


def test_verification_page_is_public_and_listed(client, verification_page):
    assert client.get(verification_page.url).status_code == 200
    assert verification_page.url in client.get("/sitemap.xml").content.decode()


def test_codes_are_unique_and_unambiguous():
    codes = {new_verification_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert normalise_code(code) == code
        assert not set(code) & set("01OIL")


def test_the_attestation_outlives_the_module(completed, module_with_lessons):
    module, _lessons = module_with_lessons
    module.delete()
    completed.refresh_from_db()
    assert completed.module is None
    assert completed.module_title == "La charte en pratique"


def test_the_catalogue_links_to_the_attestation_once_complete(client, staff_user, training_index, completed):
    client.force_login(staff_user)
    html = client.get(training_index.url).content.decode()
    assert f'href="{training_index.url}attestation/{completed.module_id}/"' in html
    assert "Mon attestation" in html


def test_attestation_names_the_public_address_whatever_the_host(
    settings, staff_user, training_index, module_with_lessons, completed, verification_page
):
    settings.PACTE_BASE_URL = "https://participation.example.org"
    visitor = Client(HTTP_HOST="10.0.0.7:8000")
    visitor.force_login(staff_user)
    text = visible_text(visitor.get(attestation_url(training_index, module_with_lessons[0])))
    assert f"https://participation.example.org/fr/verifier/{completed.code}/" in text
    assert "10.0.0.7" not in text
