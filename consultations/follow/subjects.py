"""What can be followed (a consultation, a theme, a territory), how each is named, and who follows a consultation
through any of them."""

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from taggit.models import Tag

from consultations.follow.models import Follow, Follower
from consultations.models import ConsultationPage, Territory
from site_core.site_data import locales, public_pages
from site_core.translation import shown_version


def original_of(page):
    """The version a page (a consultation, a report) was first written in: the lowest id of its translation key.
    A consultation's records (contributions, events' snapshots, notices) hang there."""
    if page is None:
        return None
    return type(page).objects.filter(translation_key=page.translation_key).order_by("pk").first()


def resolve(kind, key):
    """The thing followed, or None when `key` names nothing a visitor may follow (a draft, a private page...)."""
    if kind == Follow.CONSULTATION:
        pages = public_pages(ConsultationPage.objects.live()).filter(translation_key=key)
        return pages.order_by("pk").first()
    if kind == Follow.THEME:
        return Tag.objects.filter(slug=key, consultations_consultationtag_items__isnull=False).distinct().first()
    if kind == Follow.TERRITORY:
        return Territory.objects.filter(translation_key=key).order_by("pk").first()
    return None


def describe(kind, key, language):
    """The name of what is followed, in `language` where it exists."""
    record = resolve(kind, key)
    with translation.override(language):
        if record is None:
            return _("a subject that no longer exists")
        if kind == Follow.CONSULTATION:
            return _("“%(title)s”") % {"title": shown_version(record, locales().get(language)).record.title}
        if kind == Follow.THEME:
            return _("the theme “%(name)s”") % {"name": record.name}
        return _("the territory “%(name)s”") % {"name": shown_version(record, locales().get(language)).record.name}


def audience(consultation):
    """The confirmed followers of a consultation: of itself, of one of its themes or of one of its territories.
    One query, however many follow it (the caller streams the ids)."""
    consultation = original_of(consultation)
    themes = list(consultation.tagged_items.values_list("tag__slug", flat=True))
    territory_keys = [str(key) for key in consultation.territories.values_list("translation_key", flat=True)]
    wanted = Q(kind=Follow.CONSULTATION, key=str(consultation.translation_key))
    if themes:
        wanted |= Q(kind=Follow.THEME, key__in=themes)
    if territory_keys:
        wanted |= Q(kind=Follow.TERRITORY, key__in=territory_keys)
    follows = Follow.objects.filter(wanted, confirmed_at__isnull=False).values("follower_id")
    return Follower.objects.filter(pk__in=follows, confirmed_at__isnull=False)
