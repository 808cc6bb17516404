"""Who may see the training section, enforced in code as well as by Wagtail's view restriction."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import PageViewRestriction

STAFF_GROUP_NAME = "Staff"


def is_training_staff(user):
    """Signed in, and in the Staff group, or an account of the site's team (is_staff, superuser, or allowed into
    the Wagtail admin: editors must be able to read and preview what they write)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.is_staff:
        return True
    cached = getattr(user, "_training_staff", None)
    if cached is None:
        cached = user.groups.filter(name=STAFF_GROUP_NAME).exists() or user.has_perm("wagtailadmin.access_admin")
        user._training_staff = cached
    return cached


def denied_response(request):
    """None when the request may see training pages; otherwise the sign-in redirect or the 403 page."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.WAGTAIL_FRONTEND_LOGIN_URL)
    if not is_training_staff(request.user):
        return render(request, "training/forbidden.html", status=403)
    return None


def make_private(response):
    """Personal pages: never stored by a shared cache, a proxy or a CDN, and never indexed."""
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    response.setdefault("X-Robots-Tag", "noindex, nofollow")
    return response


def ensure_view_restriction(page):
    """Keep a sign-in restriction on the training index, so `.public()` listings (search, sitemap, menus)
    leave the whole section out even if an editor makes it public by mistake."""
    if not PageViewRestriction.objects.filter(page_id=page.pk).exists():
        PageViewRestriction.objects.create(page_id=page.pk, restriction_type=PageViewRestriction.LOGIN)


def restore_view_restriction_later(page_id):
    """After a restriction on a training index is deleted, put one back once the transaction commits
    (unless the page itself went away in the same transaction)."""

    def restore():
        # Here, not at the top: training.models imports this module (an import cycle).
        from training.models import TrainingIndexPage

        page = TrainingIndexPage.objects.filter(pk=page_id).first()
        if page is not None:
            ensure_view_restriction(page)

    transaction.on_commit(restore)
