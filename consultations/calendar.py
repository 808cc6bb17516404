"""iCalendar (RFC 5545) files of consultation events, built with the icalendar package."""

import datetime

import icalendar
from django.http import HttpResponse
from django.utils import timezone

from site_core import public_address


def event_uid(event):
    # The same event in every language shares its translation key, so it keeps one identity in calendars; the
    # host is the site's public one, so a calendar that subscribed through another address sees the same events.
    return f"consultation-event-{event.translation_key}@{public_address.host_name()}"


def build_calendar(request, events, name):
    """A VCALENDAR with one VEVENT per event; times are written in UTC, so no VTIMEZONE is needed."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Pacte//Consultations//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for event in events:
        page = event.page
        url = public_address.page_url(page)
        entry = icalendar.Event()
        entry.add("uid", event_uid(event))
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.start.astimezone(datetime.UTC))
        entry.add("dtend", event.end.astimezone(datetime.UTC))
        entry.add("summary", f"{event.title} – {page.title}")
        # Calendars that imported the event then show it cancelled instead of keeping a meeting that will not be.
        entry.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
        lines = [event.get_kind_display().capitalize() + " (" + str(event.get_format_display()) + ")"]
        if event.description:
            lines.append(event.description)
        if event.online_url:
            lines.append(event.online_url)
        if url:
            lines.append(url)
        entry.add("description", "\n\n".join(lines))
        location = event.location_line()
        if location:
            entry.add("location", location)
        elif event.online_url:
            entry.add("location", event.online_url)
        if url:
            entry.add("url", url + page.reverse_subpage("event", args=[event.pk]))
        entry.add("status", "CONFIRMED")
        calendar.add_component(entry)
    return calendar.to_ical()


def calendar_response(request, events, name, filename):
    response = HttpResponse(build_calendar(request, events, name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
