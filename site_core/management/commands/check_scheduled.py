"""Warn when scheduled publications or expiries are overdue: the sign that the publish_scheduled cron job
(docs/operations.md) is not running. Meant for monitoring: exits with status 1 and one line per late item."""

import datetime

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import DraftStateMixin, Page, Revision


def how_late(moment, now):
    minutes = int((now - moment).total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} d"] * bool(days) + [f"{hours} h"] * bool(hours) + [f"{minutes} min"]
    return " ".join(parts)


class Command(BaseCommand):
    help = (
        "Lists pages and snippets whose scheduled go-live or expiry date has passed without publish_scheduled "
        "acting on them; exits with status 1 if there is any."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace-minutes",
            type=int,
            default=15,
            help="How late an item may be before it counts (the cron job runs every 5 minutes). Default 15.",
        )

    def handle(self, *args, **options):
        now = timezone.now()
        limit = now - datetime.timedelta(minutes=options["grace_minutes"])
        finder = AdminURLFinder()  # no user: every edit URL, without a permission check
        late = []

        # Revisions approved to go live (publish_scheduled publishes them once their date has passed).
        revisions = Revision.objects.filter(approved_go_live_at__lt=limit).order_by("approved_go_live_at")
        for revision in revisions:
            item = revision.content_object
            late.append(("go live", revision.object_str or str(item), revision.approved_go_live_at, item))

        # Live objects whose expiry date has passed (publish_scheduled unpublishes them).
        models = [Page] + [
            model for model in apps.get_models() if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
        ]
        for model in models:
            for item in model.objects.filter(live=True, expire_at__lt=limit).order_by("expire_at"):
                late.append(("expire", str(item), item.expire_at, item))

        if not late:
            self.stdout.write("No scheduled publication or expiry is overdue.")
            return
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        for action, title, due, item in sorted(late, key=lambda row: row[2]):
            edit_url = finder.get_edit_url(item) if item is not None else None
            self.stderr.write(
                f"OVERDUE to {action}: “{title}”, due {due.astimezone(datetime.UTC):%Y-%m-%d %H:%M} UTC, "
                f"{how_late(due, now)} late; edit: {base_url + edit_url if edit_url else 'no admin page'}"
            )
        raise CommandError(
            f"{len(late)} scheduled item(s) overdue: is the publish_scheduled cron job running? (docs/operations.md)"
        )
