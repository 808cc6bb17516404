"""Template tags for other parts of the site: where a signed-in staff member finds the training section."""

from django import template
from wagtail.models import Locale

from training.access import is_training_staff
from training.models import TrainingIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def training_catalogue(context):
    """The training catalogue in the active language (else the default one) for staff; None for anyone else,
    so a shared template can show the link only to those who may follow it (no query for anonymous visitors)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not is_training_staff(user):
        return None
    pages = {
        page.locale_id: page
        for page in TrainingIndexPage.objects.live()
        .filter(locale__in=[Locale.get_active(), Locale.get_default()])
        .only("id", "title", "url_path", "locale_id")
    }
    return pages.get(Locale.get_active().pk) or pages.get(Locale.get_default().pk)
