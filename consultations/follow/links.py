"""The links a follower receives: signed, so that nothing guessable (an id, an address) opens anything, and bound to
the follower's secret, so that a new secret (or the follower's deletion) voids every earlier link.

The confirmation link expires (PACTE_FOLLOW_CONFIRMATION_DAYS); the links to leave and to one's data do not: a
message read a year later must still let its reader leave in one click."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from site_core import public_address

CONFIRM_SALT = "pacte.follow.confirm"
MANAGE_SALT = "pacte.follow.manage"


def confirmation_token(follow):
    return signing.dumps([follow.pk, follow.follower.secret], salt=CONFIRM_SALT, compress=True)


def manage_token(follower):
    return signing.dumps([follower.pk, follower.secret], salt=MANAGE_SALT, compress=True)


def read_confirmation_token(token):
    """(follow id, secret), or None when the link is forged or older than the confirmation period."""
    max_age = settings.PACTE_FOLLOW_CONFIRMATION_DAYS * 86400
    try:
        follow_id, secret = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return follow_id, secret


def read_manage_token(token):
    try:
        follower_id, secret = signing.loads(token, salt=MANAGE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return follower_id, secret


def absolute(name, language, *args):
    with translation.override(language):
        return public_address.absolute_url(reverse(name, args=args))


def confirm_url(follow):
    return absolute("follow:confirm", follow.follower.language, confirmation_token(follow))


def leave_url(follower):
    return absolute("follow:leave", follower.language, manage_token(follower))


def my_data_url(follower):
    return absolute("follow:my_data", follower.language, manage_token(follower))
