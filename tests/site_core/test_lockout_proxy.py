"""The sign-in lockout counts failures per visitor address, reached directly or through the nginx of
docs/deployment.md, and a forged X-Forwarded-For neither lets an attacker escape nor frames another address."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from site_core.settings.base import trusted_proxy_count
from tests.utils import visible_text

PASSWORD = "le-bon-mot-de-passe-42"
ATTACKER, USER, BYSTANDER = "203.0.113.7", "198.51.100.20", "192.0.2.33"
PROXY = "127.0.0.1"  # nginx on the same machine: the socket address of every proxied request


@pytest.fixture
def agent(settings, home_page, django_user_model):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5  # the production value (base settings)
    call_command("axes_reset")
    return django_user_model.objects.create_user("agent", password=PASSWORD)


def sign_in(client, password, remote_addr, forwarded_for=None):
    with translation.override("fr"):
        url = reverse("site_core:login")
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    client.cookies.clear()  # each visitor has their own browser
    return client.post(url, {"username": "agent", "password": password}, **headers)


def through_nginx(client, password, visitor, forged=None):
    """A request as nginx passes it on: `$proxy_add_x_forwarded_for` appends the visitor's address to whatever
    X-Forwarded-For the visitor sent, and the socket address is nginx's own."""
    forwarded_for = f"{forged}, {visitor}" if forged else visitor
    return sign_in(client, password, PROXY, forwarded_for)


def assert_locked(response):
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in visible_text(response)


def assert_signed_in(client, response):
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_direct_five_failures_lock_that_address_only(client, agent, settings):
    settings.PACTE_TRUSTED_PROXY_COUNT = 0
    for _ in range(4):
        assert sign_in(client, "mauvais", ATTACKER).status_code == 200
    assert_locked(sign_in(client, "mauvais", ATTACKER))
    assert_locked(sign_in(client, PASSWORD, ATTACKER))
    assert_signed_in(client, sign_in(client, PASSWORD, USER))


def test_direct_a_forged_forwarded_for_is_ignored(client, agent, settings):
    settings.PACTE_TRUSTED_PROXY_COUNT = 0
    # The attacker claims to be the user in every attempt: the failures still count against the socket address...
    for _ in range(5):
        sign_in(client, "mauvais", ATTACKER, forwarded_for=USER)
    assert_signed_in(client, sign_in(client, PASSWORD, USER))
    # ... and claiming yet another address does not lift the attacker's own lockout.
    assert_locked(sign_in(client, PASSWORD, ATTACKER, forwarded_for=BYSTANDER))


def test_behind_one_proxy_the_attackers_failures_do_not_lock_the_user(client, agent, settings):
    settings.PACTE_TRUSTED_PROXY_COUNT = 1
    for _ in range(4):
        assert through_nginx(client, "mauvais", ATTACKER).status_code == 200
    assert_locked(through_nginx(client, "mauvais", ATTACKER))
    assert_locked(through_nginx(client, PASSWORD, ATTACKER))
    # Same socket address (nginx), another visitor: the right password works.
    assert_signed_in(client, through_nginx(client, PASSWORD, USER))


def test_behind_one_proxy_a_forged_left_most_address_neither_frames_nor_frees(client, agent, settings):
    settings.PACTE_TRUSTED_PROXY_COUNT = 1
    # Each failure claims, in the left-most place, to come from the user: only the address nginx saw counts.
    for _ in range(5):
        through_nginx(client, "mauvais", ATTACKER, forged=USER)
    assert_signed_in(client, through_nginx(client, PASSWORD, USER))
    # A fresh forged address, even a list of them, does not let the locked attacker in.
    assert_locked(through_nginx(client, PASSWORD, ATTACKER, forged=BYSTANDER))
    assert_locked(through_nginx(client, PASSWORD, ATTACKER, forged=f"{BYSTANDER}, 10.0.0.9,, garbage"))


def test_behind_one_proxy_a_request_without_the_header_is_the_socket_address(client, agent, settings):
    # A health check or a command on the server itself reaches gunicorn without nginx: it is counted as itself.
    settings.PACTE_TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        sign_in(client, "mauvais", PROXY)
    assert_locked(sign_in(client, PASSWORD, PROXY))
    assert_signed_in(client, through_nginx(client, PASSWORD, USER))


def test_behind_two_proxies_the_address_the_outer_one_saw_counts(client, agent, settings):
    # A load balancer (10.0.0.5) in front of nginx: nginx appends the balancer, the balancer the visitor.
    settings.PACTE_TRUSTED_PROXY_COUNT = 2
    for _ in range(5):
        sign_in(client, "mauvais", PROXY, forwarded_for=f"{USER}, {ATTACKER}, 10.0.0.5")
    assert_locked(sign_in(client, PASSWORD, PROXY, forwarded_for=f"{BYSTANDER}, {ATTACKER}, 10.0.0.5"))
    assert_signed_in(client, sign_in(client, PASSWORD, PROXY, forwarded_for=f"{USER}, 10.0.0.5"))


@pytest.mark.parametrize("value", ["-1", "one", "1.5", "²"])
def test_a_proxy_count_that_is_not_a_whole_number_stops_start_up(monkeypatch, value):
    monkeypatch.setenv("PACTE_TRUSTED_PROXY_COUNT", value)
    with pytest.raises(ImproperlyConfigured, match="PACTE_TRUSTED_PROXY_COUNT"):
        trusted_proxy_count()


@pytest.mark.parametrize(("value", "count"), [("", 0), ("0", 0), (" 1 ", 1), ("2", 2)])
def test_the_proxy_count_comes_from_the_environment(monkeypatch, value, count):
    monkeypatch.setenv("PACTE_TRUSTED_PROXY_COUNT", value)
    assert trusted_proxy_count() == count
