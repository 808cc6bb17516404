"""The public check of an attestation by its code (outside the staff-only tree)."""

from django.db import models
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from site_core.models import BasePage
from site_core.site_data import public_pages
from site_core.translation import pick_version
from training import access

from .records import Attestation, normalise_code


class AttestationVerificationPage(RoutablePageMixin, BasePage):
    """Public: anyone holding an attestation's code can check it. Shows only the name, module and date."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Explains what the check is for, for example for a jury or a partner service."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("attestation verification page")

    @classmethod
    def for_locale(cls, locale_id):
        """The verification page a reader of `locale_id` is sent to (site_core.translation's rule), or None."""
        pages = list(public_pages(cls.objects.live()))
        return pick_version(pages, locale_id).record if pages else None

    @path("")
    def form(self, request):
        if "code" in request.GET:
            code = normalise_code(request.GET["code"])
            if code:
                return HttpResponseRedirect(self.get_url(request) + self.reverse_subpage("verify", args=[code]))
            response = self.render(
                request, context_overrides={"code_error": True, "typed_code": request.GET["code"][:100]}
            )
            response.status_code = 200
            return response
        return self.render(request)

    @path("<str:code>/", name="verify")
    def verify(self, request, code):
        normalised = normalise_code(code)
        attestation = Attestation.objects.filter(code=normalised).first() if normalised else None
        response = self.render(
            request,
            template="training/attestation_verification_result.html",
            context_overrides={"attestation": attestation, "code": normalised or code[:20]},
        )
        if attestation is None:
            response.status_code = 404
        # A person's name: shown to whoever has the code, never offered to search engines nor kept in shared
        # caches (so a withdrawn attestation stops verifying at once).
        response["X-Robots-Tag"] = "noindex, nofollow"
        return access.make_private(response)
