"""The training catalogue: modules with the person's progress, "My training" and printable attestations."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from site_core import public_address
from site_core.models import BasePage
from training import access

from .mixins import COMPLETED, StaffOnlyMixin, module_progress
from .module import TrainingModulePage
from .verification import AttestationVerificationPage


class TrainingIndexPage(StaffOnlyMixin, RoutablePageMixin, BasePage):
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("What staff find here and why they should train, in two sentences."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = ["training.TrainingModulePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("training catalogue")

    def modules(self):
        return TrainingModulePage.objects.child_of(self).live().order_by("path")

    def subpage_url(self, name, *args, request=None):
        return self.get_url(request) + self.reverse_subpage(name, args=args)

    @property
    def catalogue_url(self):
        return self.url

    @property
    def my_training_url(self):
        return self.subpage_url("my_training")

    def with_attestation_urls(self, rows, request):
        for row in rows:
            if row.status == COMPLETED:
                row.attestation_url = self.subpage_url("attestation", row.module.pk, request=request)
        return rows

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        access.ensure_view_restriction(self)

    @path("")
    def catalogue(self, request):
        rows = self.with_attestation_urls(module_progress(self.modules(), request.user), request)
        return self.render(request, context_overrides={"module_rows": rows})

    @path("mon-parcours/", name="my_training")
    def my_training(self, request):
        rows = self.with_attestation_urls(module_progress(self.modules(), request.user), request)
        return self.render(
            request,
            template="training/my_training.html",
            context_overrides={
                "module_rows": rows,
                "completed_count": sum(1 for row in rows if row.status == COMPLETED),
            },
        )

    @path("attestation/<int:module_id>/", name="attestation")
    def attestation(self, request, module_id):
        # Here, not at the top: training.progress imports training.models (an import cycle).
        from training.progress import ensure_attestation

        module = self.modules().filter(pk=module_id).first()
        if module is None:
            raise Http404
        attestation = ensure_attestation(request.user, module)
        if attestation is None:
            raise Http404
        verification_page = AttestationVerificationPage.for_locale(self.locale_id)
        verification_url = ""
        if verification_page is not None:
            verification_url = public_address.page_url(verification_page) + verification_page.reverse_subpage(
                "verify", args=[attestation.code]
            )
        return self.render(
            request,
            template="training/attestation.html",
            context_overrides={"module": module, "attestation": attestation, "verification_url": verification_url},
        )
