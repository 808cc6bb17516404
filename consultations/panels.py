"""Editor panels: the list of what a consultation still lacks before it can be published."""

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
