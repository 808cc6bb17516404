"""Editor panels: what a consultation still lacks before publication, what its events' minutes add up to, and
how many of its contributions the report answers."""

from django.urls import reverse
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


def parent_consultation(form, instance):
    """The consultation a report belongs to, from the form (a new report) or the saved page; None elsewhere."""
    # Here, not at the top: consultations.models imports this module (its pages' panels) (an import cycle).
    from consultations.models import ConsultationPage

    parent = getattr(form, "parent_page", None)
    if parent is None and instance is not None and instance.pk:
        parent = instance.get_parent()
    if parent is None:
        return None
    parent = parent.specific
    return parent if isinstance(parent, ConsultationPage) else None


class ContributionsPanel(Panel):
    """On the report: how many contributions have a decision, and a link to answer them one by one in the admin."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/contribution_counts.html"

        def get_context_data(self, parent_context=None):
            # Here, not at the top: report_contributions imports the models, which import this module.
            from consultations.models.contribution import contributions_of
            from consultations.report_contributions import count_contributions

            context = super().get_context_data(parent_context)
            consultation = parent_consultation(self.form, self.instance)
            counts = count_contributions(consultation)
            answer_url = ""
            if consultation is not None and consultation.pk:
                # Records belong to the consultation in its original language: filter the admin list on that page.
                original = contributions_of(consultation).values_list("consultation_id", flat=True).first()
                answer_url = f"{reverse('contributions:index')}?consultation={original or consultation.pk}"
            context.update(has_consultation=consultation is not None, counts=counts, answer_url=answer_url)
            return context


class EventFiguresPanel(Panel):
    """On the report: what the minutes of the consultation's past events add up to, as a check for the figures."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/event_figures.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            consultation = parent_consultation(self.form, self.instance)
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
