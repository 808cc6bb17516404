"""Admin registrations for the charter: the glossary as a translatable snippet."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from charter_pages import search as charter_search
from charter_pages.models import GlossaryTerm
from site_core.search import SEARCH_KINDS


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = _("Charter glossary")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["term", "definition", "locale"]
    list_filter = ["locale"]
    search_fields = ["term", "definition"]
    ordering = ["term"]


register_snippet(GlossaryTermViewSet)


@hooks.register(SEARCH_KINDS)
def charter_search_kinds():
    return [charter_search.CommitmentKind()]
