"""Which consultations an editor may work on, as Wagtail decides it: one place for the admin tools that act on a
consultation's records (the Decidim import, the contributions' spreadsheet, the followers' page)."""

from django.db.models import Exists, OuterRef
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from consultations.models import ConsultationPage


def editable_consultations(user):
    """The consultations `user` may edit, newest first: Wagtail's rule for `page.permissions_for_user(user)
    .can_edit()` ("change" on the page or an ancestor, or "add" there on a page they own, or superuser), as one
    query. The tools write the page's records, so they ask what editing the page asks."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return ConsultationPage.objects.filter(pk__in=editable.values("pk")).order_by("-first_published_at", "title")


def originals(pages):
    """`pages` (consultations) in their original version only, the first made of each translation key (lowest id,
    as site_core.translation reads it): contributions, shared answers and followers belong to that version."""
    earlier = ConsultationPage.objects.filter(translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk"))
    return pages.filter(~Exists(earlier))


def editable_originals(user):
    """The consultations `user` may edit, each in its original version."""
    return originals(editable_consultations(user))


class PageEditorsMenuItem(MenuItem):
    """An admin menu entry for the tools that act on a consultation's records: shown to those who may edit a page."""

    def is_shown(self, request):
        return PagePermissionPolicy().user_has_permission(request.user, "change")
