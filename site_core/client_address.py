"""The visitor's address as the sign-in lockout sees it, read through the reverse proxies the site trusts."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The address that reached the outermost trusted proxy (django-axes' AXES_CLIENT_IP_CALLABLE).

    With no trusted proxy (PACTE_TRUSTED_PROXY_COUNT = 0) it is the socket's REMOTE_ADDR, and any X-Forwarded-For
    is a claim the visitor wrote: ignored. Behind N proxies, each appends the address it was reached from
    (nginx's $proxy_add_x_forwarded_for), so the chain X-Forwarded-For + REMOTE_ADDR ends with N + 1 addresses
    written by machines we run; the client is the (N + 1)-th from the right. Anything further left was sent by
    the client and could name anyone, so it never counts.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PACTE_TRUSTED_PROXY_COUNT
    if proxies == 0:
        return remote
    # Empty items can only come from the client's part of the header: proxies always write an address.
    forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    chain = [*forwarded, remote]
    # A shorter chain did not pass every proxy (a health check on the app server itself): all of it is ours.
    candidate = chain[-(proxies + 1)] if len(chain) > proxies else chain[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        # Not an address (a misconfigured proxy): axes stores the address in an IP field, so keep the socket's.
        return remote
