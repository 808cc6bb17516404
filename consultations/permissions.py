"""Which consultations an editor may work on, as Wagtail decides it: one place for the admin tools that act on a
consultation's records (the Decidim import, the contributions' spreadsheet, the followers' page)."""

from django.db.models import Exists, OuterRef, Q
from wagtail.permission_policies.pages import PagePermissionPolicy

from consultations.models import ConsultationPage
from site_core.site_data import default_locale


def editable_consultations(user):
    """The consultations `user` may edit, newest first: Wagtail's rule for `page.permissions_for_user(user)
    .can_edit()` ("change" on the page or an ancestor, or "add" there on a page they own, or superuser), as one
    query. The tools write the page's records, so they ask what editing the page asks."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return ConsultationPage.objects.filter(pk__in=editable.values("pk")).order_by("-first_published_at", "title")


def editable_originals(user):
    """The same, each in the language its records belong to: the source language, or the page's own when it has no
    version in the source language (contributions and followers hang on that version)."""
    pages = editable_consultations(user)
    source = default_locale()
    if source is not None:
        in_source = ConsultationPage.objects.filter(translation_key=OuterRef("translation_key"), locale=source)
        pages = pages.filter(Q(locale=source) | ~Exists(in_source))
    return pages
