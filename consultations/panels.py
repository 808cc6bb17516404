"""Editor panels: what a consultation still lacks before publication, and what its events' minutes add up to."""

from django.utils import timezone
from wagtail.admin.panels import Panel


class PublicationChecklistPanel(Panel):
    """Shows, from the last saved version, what is still missing; required items block publication."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/publication_checklist.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            items = self.instance.publication_checklist() if self.instance is not None else []
            context["missing_required"] = [item for item in items if item["required"] and not item["done"]]
            context["missing_advised"] = [item for item in items if not item["required"] and not item["done"]]
            context["is_new"] = self.instance is None or not self.instance.pk
            return context


class EventFiguresPanel(Panel):
    """On the report: what the minutes of the consultation's past events add up to, as a check for the figures."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/event_figures.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            consultation = self.consultation()
            events = (
                [event for event in consultation.events.all() if event.is_past(timezone.now())] if consultation else []
            )
            context.update(
                has_consultation=consultation is not None,
                events_held=len(events),
                attendance=sum(event.attendees or 0 for event in events),
                contributions=sum(event.contributions_count or 0 for event in events),
                without_minutes=sum(1 for event in events if not event.has_minutes),
            )
            return context

        def consultation(self):
            # Here, not at the top: consultations.models imports this module (its pages' panels) (an import cycle).
            from consultations.models import ConsultationPage

            parent = getattr(self.form, "parent_page", None)
            if parent is None and self.instance is not None and self.instance.pk:
                parent = self.instance.get_parent()
            if parent is None:
                return None
            parent = parent.specific
            return parent if isinstance(parent, ConsultationPage) else None
