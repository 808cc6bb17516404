"""Template tags for other parts of the site: where a signed-in staff member finds the training section."""

from django import template

from site_core.translation import pick_version, preferred_locale_ids
from training.access import is_training_staff
from training.models import TrainingIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def training_catalogue(context):
    """The training catalogue in the active language (else the source one, see site_core.translation) for staff;
    None for anyone else, so a shared template can show the link only to those who may follow it (no query for
    anonymous visitors)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not is_training_staff(user):
        return None
    pages = list(
        TrainingIndexPage.objects.live()
        .filter(locale_id__in=preferred_locale_ids())
        .only("id", "title", "url_path", "locale_id")
    )
    return pick_version(pages).record if pages else None
