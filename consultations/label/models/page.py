"""LabelPage: explains the label, lists the awards and answers the verification routes."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page
from wagtail.search import index

from consultations.label.models.levels import LabelLevel
from consultations.models.mixins import LocalisedRoutableMixin
from site_core import public_address
from site_core.models import BasePage
from site_core.site_data import remember


def label_page_urls():
    """{locale id: that language's live label page full URL}, read once per content generation (the admin lists
    many awards, each with its badge links)."""
    return remember(
        "label-page-urls", lambda: {page.locale_id: public_address.page_url(page) for page in LabelPage.objects.live()}
    )


class LabelPage(LocalisedRoutableMixin, RoutablePageMixin, BasePage):
    """Routes: "" (the label and its awards, `?year=&level=`), "verifier/" (route "check_code", `?code=`: the form
    that leads to a code's page), "verifier/<code>/" (route "verify"), "verifier/<code>/document/" (route
    "check_document": is this file the labelled document?), "verifier/<code>/badge.svg" and "badge.png" (routes
    "badge_svg", "badge_png")."""

    introduction = models.TextField(
        _("introduction"), help_text=_("What the citizen label is and why it appears on official documents.")
    )
    how_to_apply = models.TextField(
        _("how a service applies"),
        help_text=_("The steps for a service to obtain the label for a document. One paragraph per line."),
    )
    contact = models.CharField(
        _("contact"),
        max_length=255,
        help_text=_("Whom to contact to check a label or report a misuse, for example an e-mail address."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("how_to_apply"),
        FieldPanel("contact"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]

    parent_page_types = ["site_core.HomePage", "site_core.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        app_label = "consultations"  # a room of the consultations app: same tables, no migration
        verbose_name = _("citizen label page")

    def get_context(self, request, *args, **kwargs):
        # Here, not at the top: consultations.label.views imports this module's models and constants (an import cycle).
        from consultations.label.views import label_listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(label_listing_context(self, request))
        return context

    @cached_property
    def levels(self):
        return list(LabelLevel.objects.filter(locale_id=self.locale_id).order_by("rank", "name"))

    @property
    def how_to_apply_paragraphs(self):
        return [line.strip() for line in self.how_to_apply.splitlines() if line.strip()]

    def verification_url(self, request, code):
        return (self.get_url(request) or "") + self.reverse_subpage("verify", args=[code])

    def document_check_url(self, request, code):
        return (self.get_url(request) or "") + self.reverse_subpage("check_document", args=[code])

    def check_code_url(self, request):
        return (self.get_url(request) or "") + self.reverse_subpage("check_code")

    def full_verification_url(self, code):
        """The address printed in badges and QR codes: the public one, whoever asks and through which host."""
        return public_address.page_url(self) + self.reverse_subpage("verify", args=[code])

    @path("verifier/", name="check_code")
    def check_code_view(self, request):
        # Here, not at the top: consultations.label.checks imports this module's models (an import cycle).
        from consultations.label.checks import code_check_response

        return code_check_response(self, request)

    @path("verifier/<str:code>/document/", name="check_document")
    def check_document_view(self, request, code):
        # Here, not at the top: consultations.label.checks imports this module's models (an import cycle).
        from consultations.label.checks import document_check_response

        return document_check_response(self, request, code)

    @path("verifier/<str:code>/", name="verify")
    def verify_view(self, request, code):
        # Here, not at the top: consultations.label.views imports this module's models and constants (an import cycle).
        from consultations.label.views import verification_response

        return verification_response(self, request, code)

    @re_path(r"^verifier/(?P<code>[^/]+)/badge\.svg/$", name="badge_svg")
    def badge_svg_view(self, request, code):
        # Here, not at the top: consultations.label.views imports this module's models and constants (an import cycle).
        from consultations.label.views import badge_response

        return badge_response(self, request, code, "svg")

    @re_path(r"^verifier/(?P<code>[^/]+)/badge\.png/$", name="badge_png")
    def badge_png_view(self, request, code):
        # Here, not at the top: consultations.label.views imports this module's models and constants (an import cycle).
        from consultations.label.views import badge_response

        return badge_response(self, request, code, "png")
