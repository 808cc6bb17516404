"""Template tags of the charter: the extension point through which other apps add a panel to a commitment's page."""

from django import template
from django.utils.html import format_html_join
from wagtail import hooks

register = template.Library()

COMMITMENT_PANEL_HOOK = "register_commitment_panel"


@register.simple_tag(takes_context=True)
def commitment_panels(context, commitment):
    """The panels other apps show on a commitment's page, in hook order: each function registered with
    `@hooks.register("register_commitment_panel")` takes (commitment, request) and returns HTML (or "" for none).
    The charter owns the slot; it knows nothing of who fills it (e.g. the indicators' "Is this commitment kept?")."""
    request = context.get("request")
    panels = (panel(commitment, request) for panel in hooks.get_hooks(COMMITMENT_PANEL_HOOK))
    return format_html_join("", "{}", ((html,) for html in panels if html))
