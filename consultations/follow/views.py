"""The follower's pages: the follow form's answer, confirming, leaving (RFC 8058 one-click included) and one's data.

Nothing here says whether an address is known: the form answers the same page for a new address, a confirmed one,
an unconfirmed one and one over its daily limit, and only the address's mailbox learns more. None of these pages is
cached (never_cache): they carry a follower's address or act on it."""

import json

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from consultations.follow import links
from consultations.follow.forms import FollowForm, PreferencesForm
from consultations.follow.models import Follow, Follower
from consultations.follow.subjects import describe, resolve
from consultations.follow.tasks import queue, send_confirmation
from site_core.client_address import client_ip

HOUR = 3600
DAY = 86400


def over_limit(key, limit, period):
    """Count one more for `key` in this period; True once more than `limit` were counted."""
    cache.add(key, 0, period)
    try:
        return cache.incr(key) > limit
    except ValueError:  # evicted between add and incr: count from one again
        cache.set(key, 1, period)
        return False


def render_page(request, template, context=None, status=200):
    return render(request, f"follow/{template}", context or {}, status=status)


@csrf_exempt  # The form sits on cached public pages (no CSRF token there); double opt-in is the protection.
@never_cache
@require_http_methods(["GET", "POST"])
def follow(request):
    if request.method == "GET":
        form = FollowForm(initial={"kind": request.GET.get("kind", ""), "key": request.GET.get("key", "")})
        subject = resolve(request.GET.get("kind", ""), request.GET.get("key", ""))
        if subject is None:
            return render_page(request, "unknown_subject.html", status=404)
        label = describe(request.GET["kind"], request.GET["key"], request.LANGUAGE_CODE)
        return render_page(request, "follow.html", {"form": form, "subject_label": label})
    per_client = settings.PACTE_FOLLOW_REQUESTS_PER_CLIENT_PER_HOUR
    if over_limit(f"pacte:follow:client:{client_ip(request)}", per_client, HOUR):
        return render_page(request, "too_many.html", status=429)
    form = FollowForm(request.POST)
    if not form.is_valid():
        kind, key = request.POST.get("kind", ""), request.POST.get("key", "")
        if resolve(kind, key) is None:
            return render_page(request, "unknown_subject.html", status=404)
        label = describe(kind, key, request.LANGUAGE_CODE)
        return render_page(request, "follow.html", {"form": form, "subject_label": label}, status=400)
    data = form.cleaned_data
    if resolve(data["kind"], data["key"]) is None:
        return render_page(request, "unknown_subject.html", status=404)
    request_follow(data)
    label = describe(data["kind"], data["key"], request.LANGUAGE_CODE)
    return render_page(request, "check_inbox.html", {"subject_label": label, "email": data["email"]})


def request_follow(data):
    """Record the request and queue the confirmation message, within the address's daily limit."""
    with transaction.atomic():
        follower, _created = Follower.objects.get_or_create(
            email=data["email"], defaults={"language": data["language"]}
        )
        follow, _created = Follow.objects.update_or_create(
            follower=follower,
            kind=data["kind"],
            key=data["key"],
            defaults={
                "requested_language": data["language"],
                "requested_digest": data["digest"],
                "requested_references": data["references"],
            },
        )
        limit = settings.PACTE_FOLLOW_CONFIRMATIONS_PER_ADDRESS_PER_DAY
        if not over_limit(f"pacte:follow:address:{follower.pk}", limit, DAY):
            queue(send_confirmation, follow.pk)


def find_follow(token):
    """(follow, None) for a valid confirmation link, else (None, "expired" or "invalid")."""
    try:
        follow_id, secret = signing.loads(
            token, salt=links.CONFIRM_SALT, max_age=settings.PACTE_FOLLOW_CONFIRMATION_DAYS * DAY
        )
    except signing.SignatureExpired:
        return None, "expired"
    except (signing.BadSignature, ValueError, TypeError):
        return None, "invalid"
    follow = Follow.objects.select_related("follower").filter(pk=follow_id, follower__secret=secret).first()
    return (follow, None) if follow else (None, "invalid")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    follow, problem = find_follow(token)
    if follow is None:
        return render_page(request, "bad_link.html", {"expired": problem == "expired"}, status=410)
    label = describe(follow.kind, follow.key, follow.requested_language or follow.follower.language)
    if request.method == "GET":
        # A button, not the link itself: mail scanners that open every link must not confirm for the reader.
        return render_page(request, "confirm.html", {"subject_label": label, "done": False})
    now = timezone.now()
    with transaction.atomic():
        follower = follow.follower
        follower.language = follow.requested_language or follower.language
        follower.digest = follow.requested_digest
        if follow.requested_references:
            merged = dict.fromkeys([*follower.references, *follow.requested_references.split()])
            follower.contribution_references = " ".join(merged)[:500]
        follower.confirmed_at = follower.confirmed_at or now
        follower.save()
        follow.confirmed_at = follow.confirmed_at or now
        follow.save(update_fields=["confirmed_at"])
    context = {"subject_label": label, "done": True, "my_data_url": links.my_data_url(follower)}
    return render_page(request, "confirm.html", context)


def find_follower(token):
    parts = links.read_manage_token(token)
    if parts is None:
        return None
    return Follower.objects.filter(pk=parts[0], secret=parts[1]).first()


@csrf_exempt  # RFC 8058: the one-click POST comes from the reader's mail provider, which holds no CSRF token.
@never_cache
@require_http_methods(["GET", "POST"])
def leave(request, token):
    follower = find_follower(token)
    if request.method == "GET":
        if follower is None:
            return render_page(request, "left.html", {"already": True})
        return render_page(request, "leave.html", {"email": follower.email})
    if follower is not None:
        follower.delete()  # the address, what it followed and what was sent to it: nothing is kept
    return render_page(request, "left.html", {"already": follower is None})


@never_cache
@require_http_methods(["GET", "POST"])
def my_data(request, token):
    follower = find_follower(token)
    if follower is None:
        return render_page(request, "bad_link.html", {"expired": False}, status=404)
    saved = False
    if request.method == "POST" and request.POST.get("action") == "delete":
        follower.delete()
        return render_page(request, "left.html", {"already": False})
    initial = {
        "language": follower.language,
        "digest": follower.digest,
        "references": follower.contribution_references,
    }
    form = PreferencesForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        follower.language = form.cleaned_data["language"]
        follower.digest = form.cleaned_data["digest"]
        follower.contribution_references = form.cleaned_data["references"]
        follower.save(update_fields=["language", "digest", "contribution_references"])
        saved = True
    context = {
        "follower": follower,
        "follows": described_follows(follower, request.LANGUAGE_CODE),
        "form": form,
        "saved": saved,
        "token": token,
        "sent_count": follower.deliveries.filter(status="sent").count(),
    }
    return render_page(request, "my_data.html", context, status=400 if form.errors else 200)


def described_follows(follower, language):
    return [
        {
            "label": describe(follow.kind, follow.key, language),
            "kind": follow.get_kind_display(),
            "confirmed": follow.confirmed_at,
            "requested": follow.requested_at,
        }
        for follow in follower.follows.order_by("requested_at")
    ]


@never_cache
@require_POST
def my_data_export(request, token):
    """Everything kept about the address, as a JSON file (RGPD art. 15 and 20). POST: a link opened by a scanner
    or a preview must not download it for anyone."""
    follower = find_follower(token)
    if follower is None:
        return render_page(request, "bad_link.html", {"expired": False}, status=404)
    data = {
        "email": follower.email,
        "language": follower.language,
        "weekly_digest": follower.digest,
        "contribution_references": follower.references,
        "created_at": follower.created_at.isoformat(),
        "confirmed_at": follower.confirmed_at.isoformat() if follower.confirmed_at else None,
        "follows": [
            {
                "kind": follow.kind,
                "subject": describe(follow.kind, follow.key, follower.language),
                "requested_at": follow.requested_at.isoformat(),
                "confirmed_at": follow.confirmed_at.isoformat() if follow.confirmed_at else None,
            }
            for follow in follower.follows.order_by("requested_at")
        ],
        "messages": [
            {
                "about": delivery.notice.get_kind_display(),
                "consultation": delivery.notice.consultation.title,
                "status": delivery.status,
                "sent_at": delivery.sent_at.isoformat() if delivery.sent_at else None,
            }
            for delivery in follower.deliveries.select_related("notice__consultation").order_by("pk")
        ],
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response
