"""Admin registrations for training: the completion report and the staff profiles (each agent's service)."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from site_core import figures
from training.models import Attestation, StaffProfile
from training.views import CompletionReportView, CompletionSummaryReportView


class CompletionReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("training.view_attestation")


@hooks.register("register_reports_menu_item")
def register_completion_report_menu_item():
    return CompletionReportMenuItem(
        _("Training completions"), reverse("training_completion_report"), icon_name="success", order=900
    )


@hooks.register("register_reports_menu_item")
def register_completion_summary_report_menu_item():
    return CompletionReportMenuItem(
        _("Training completions per module and service"),
        reverse("training_completion_summary_report"),
        icon_name="table",
        order=901,
    )


@hooks.register("register_admin_urls")
def register_completion_report_urls():
    return [
        path(
            "reports/training/summary/",
            CompletionSummaryReportView.as_view(),
            name="training_completion_summary_report",
        ),
        path(
            "reports/training/summary/results/",
            CompletionSummaryReportView.as_view(results_only=True),
            name="training_completion_summary_report_results",
        ),
        path("reports/training/", CompletionReportView.as_view(), name="training_completion_report"),
        path(
            "reports/training/results/",
            CompletionReportView.as_view(results_only=True),
            name="training_completion_report_results",
        ),
    ]


class StaffProfileViewSet(ModelViewSet):
    model = StaffProfile
    icon = "group"
    menu_label = _("Staff services")
    menu_order = 310
    add_to_admin_menu = True
    form_fields = ["user", "service"]
    list_display = ["user", "service"]
    list_filter = ["service"]
    search_fields = ["service", "user__username", "user__first_name", "user__last_name"]


@hooks.register("register_admin_viewset")
def register_staff_profile_viewset():
    return StaffProfileViewSet("training_staff_profiles")


@hooks.register(figures.STAFF_TRAINED)
def staff_trained():
    """(trained, staff) for the charter's "share of staff trained" rule: active staff members with a training
    profile, and those of them holding an attestation (superseded ones do not count), in one query."""
    attested = Attestation.objects.filter(user=OuterRef("user"), superseded=False)
    counts = StaffProfile.objects.filter(user__is_active=True).aggregate(
        staff=Count("pk"), trained=Count("pk", filter=Q(Exists(attested)))
    )
    return counts["trained"], counts["staff"]
