"""Security headers on public and admin pages, and sign-in lockout after repeated failures."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.utils import visible_text


def test_public_pages_carry_a_strict_content_security_policy(client, home_page):
    response = client.get("/fr/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_public_pages_carry_the_other_security_headers(client, home_page):
    response = client.get("/fr/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_admin_has_its_own_policy(admin_client, home_page):
    policy = admin_client.get("/admin/")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy


def sign_in_url():
    with translation.override("fr"):
        return reverse("site_core:login")


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    call_command("axes_reset")


def test_repeated_failures_lock_the_account_with_a_clear_message(client, home_page, django_user_model, lockout):
    django_user_model.objects.create_user("agent", password="le-bon-mot-de-passe-42")
    for _ in range(2):
        response = client.post(sign_in_url(), {"username": "agent", "password": "mauvais"})
        assert response.status_code == 200
        assert "Saisissez" in visible_text(response) or "incorrect" in visible_text(response)
    # The third failure reaches the limit: from then on even the right password is refused.
    assert client.post(sign_in_url(), {"username": "agent", "password": "mauvais"}).status_code == 429
    locked = client.post(sign_in_url(), {"username": "agent", "password": "le-bon-mot-de-passe-42"})
    assert locked.status_code == 429
    assert "bloquée" in visible_text(locked)
    assert "_auth_user_id" not in client.session


def test_the_documented_command_unlocks_the_account(client, home_page, django_user_model, lockout):
    django_user_model.objects.create_user("agent", password="le-bon-mot-de-passe-42")
    for _ in range(3):
        client.post(sign_in_url(), {"username": "agent", "password": "mauvais"})
    call_command("axes_reset_username", "agent")
    response = client.post(sign_in_url(), {"username": "agent", "password": "le-bon-mot-de-passe-42"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_the_admin_sign_in_is_protected_too(client, home_page, django_user_model, lockout):
    django_user_model.objects.create_superuser("admin", password="le-bon-mot-de-passe-42")
    for _ in range(3):
        client.post("/admin/login/", {"username": "admin", "password": "mauvais"})
    response = client.post("/admin/login/", {"username": "admin", "password": "le-bon-mot-de-passe-42"})
    assert response.status_code == 429


def test_force_login_works_with_the_lockout_backend(client, home_page, django_user_model):
    user = django_user_model.objects.create_user("redactrice", password="un-mot-de-passe-long-42")
    client.force_login(user)
    assert client.get("/admin/").status_code in (200, 302)
    assert client.session["_auth_user_id"] == str(user.pk)
    from django.contrib.auth import get_user

    request = type("Request", (), {"session": client.session})()
    assert get_user(request).is_authenticated
