"""What editors see of the followers: counts per consultation and what was sent when, never the addresses (those
need the dedicated permission), a preview of each message and a test sent to their own address."""

from django.conf import settings
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from consultations.follow import messages
from consultations.follow.models import Delivery, Follow, Follower, Notice
from consultations.follow.subjects import original_of
from consultations.follow.tasks import queue, send_test
from consultations.models import ConsultationPage
from consultations.permissions import editable_originals

ADDRESSES_PERMISSION = "consultations_follow.view_follower_addresses"


def follow_counts(kind):
    """{key: confirmed followers} for one kind of follow, in one query."""
    rows = Follow.objects.filter(kind=kind, confirmed_at__isnull=False).values("key").annotate(count=Count("pk"))
    return {row["key"]: row["count"] for row in rows}


def overview(request):
    pages = list(editable_originals(request.user).only("pk", "title", "translation_key", "first_published_at"))
    direct = follow_counts(Follow.CONSULTATION)
    notices = (
        Notice.objects.filter(consultation__in=pages)
        .values("consultation")
        .annotate(count=Count("pk"), last=Max("created_at"))
    )
    by_page = {row["consultation"]: row for row in notices}
    rows = [
        {
            "page": page,
            "followers": direct.get(str(page.translation_key), 0),
            "notices": by_page.get(page.pk, {}).get("count", 0),
            "last": by_page.get(page.pk, {}).get("last"),
        }
        for page in pages
    ]
    return TemplateResponse(request, "follow/admin/overview.html", {"rows": rows})


def editable_original(request, page_id):
    page = get_object_or_404(ConsultationPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    original = original_of(page)
    if original.pk != page.pk:
        raise Http404
    return page


def detail(request, page_id):
    page = editable_original(request, page_id)
    if request.method == "POST":
        return test_send(request, page)
    themes = list(page.tagged_items.values_list("tag__slug", flat=True))
    territories = [str(key) for key in page.territories.values_list("translation_key", flat=True)]
    counts = {
        "consultation": Follow.objects.filter(
            kind=Follow.CONSULTATION, key=str(page.translation_key), confirmed_at__isnull=False
        ).count(),
        "themes": Follow.objects.filter(kind=Follow.THEME, key__in=themes, confirmed_at__isnull=False).count(),
        "territories": Follow.objects.filter(
            kind=Follow.TERRITORY, key__in=territories, confirmed_at__isnull=False
        ).count(),
    }
    notices = (
        Notice.objects.filter(consultation=page)
        .annotate(
            sent=Count("deliveries", filter=Q(deliveries__status=Delivery.SENT)),
            waiting=Count(
                "deliveries",
                filter=Q(deliveries__status__in=[Delivery.PENDING, Delivery.SENDING, Delivery.DIGEST]),
            ),
            failed=Count("deliveries", filter=Q(deliveries__status=Delivery.FAILED)),
            last_sent=Max("deliveries__sent_at"),
        )
        .order_by("-created_at")
    )
    context = {
        "page": page,
        "counts": counts,
        "notices": notices,
        "kinds": Notice.KINDS,
        "languages": settings.LANGUAGES,
        "can_see_addresses": request.user.has_perm(ADDRESSES_PERMISSION),
        "user_email": request.user.email,
    }
    return TemplateResponse(request, "follow/admin/detail.html", context)


def test_send(request, page):
    kind, language = request.POST.get("kind"), request.POST.get("language")
    if kind not in dict(Notice.KINDS) or language not in dict(settings.LANGUAGES):
        flash.error(request, _("Choose a kind of message and a language."))
    elif not request.user.email:
        flash.error(request, _("Your account has no e-mail address: add one in your account settings first."))
    else:
        queue(send_test, request.user.email, language, page.pk, kind)
        flash.success(request, _("A test message is on its way to %(address)s.") % {"address": request.user.email})
    return redirect("follow_admin_detail", page.pk)


def preview(request, page_id, kind, language):
    page = editable_original(request, page_id)
    if kind not in dict(Notice.KINDS) or language not in dict(settings.LANGUAGES):
        raise Http404
    reader = Follower(email=request.user.email or "lecteur@example.org", language=language)  # never saved
    message = messages.message_for([messages.sample_notice(page, kind)], reader)
    if request.GET.get("format") == "text":
        return HttpResponse(message.body, content_type="text/plain; charset=utf-8")
    html = message.alternatives[0][0] if message.alternatives else ""
    context = {"page": page, "subject": message.subject, "html": html, "text": message.body, "kind": kind}
    return TemplateResponse(request, "follow/admin/preview.html", context)


def addresses(request, page_id):
    page = editable_original(request, page_id)
    if not request.user.has_perm(ADDRESSES_PERMISSION):
        raise PermissionDenied
    followers = Follower.objects.filter(
        follows__kind=Follow.CONSULTATION, follows__key=str(page.translation_key), follows__confirmed_at__isnull=False
    ).order_by("email")
    return TemplateResponse(request, "follow/admin/addresses.html", {"page": page, "followers": followers})
