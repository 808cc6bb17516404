"""The participation service's follow-up report in the Wagtail admin: who completed which module, and when."""

import datetime

import django_filters
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from training.models import Attestation, TrainingModulePage


def module_choices(request):
    return TrainingModulePage.objects.select_related("locale").order_by("title", "locale__language_code")


def service_choices():
    services = Attestation.objects.exclude(service="").values_list("service", flat=True).distinct()
    return [(service, service) for service in services.order_by("service")]


class CompletionReportFilterSet(WagtailFilterSet):
    completed_at = django_filters.DateFromToRangeFilter(
        label=_("Completion date"), widget=DateRangePickerWidget, method="filter_completed_between"
    )
    module = django_filters.ModelChoiceFilter(label=_("Module"), queryset=module_choices)
    service = django_filters.ChoiceFilter(label=_("Service"), choices=service_choices)

    class Meta:
        model = Attestation
        fields = ["module", "service", "completed_at"]

    def filter_completed_between(self, queryset, name, value):
        # Whole days in the site's time zone: "until 30 June" includes everything done on 30 June.
        if value.start:
            queryset = queryset.filter(completed_at__date__gte=value.start)
        if value.stop:
            queryset = queryset.filter(completed_at__date__lte=value.stop)
        return queryset


class CompletionReportView(ReportView):
    page_title = _("Training completions")
    header_icon = "success"
    index_url_name = "training_completion_report"
    index_results_url_name = "training_completion_report_results"
    results_template_name = "training/admin/completion_report_results.html"
    filterset_class = CompletionReportFilterSet
    permission_policy = ModelPermissionPolicy(Attestation)
    permission_required = "view"
    paginate_by = 100
    columns = [
        Column("holder_name", label=_("Name")),
        Column("service", label=_("Service")),
        Column("module_title", label=_("Module")),
        Column("duration_hours", label=_("Duration (hours)")),
        DateColumn("completed_at", label=_("Completed on")),
        Column("code", label=_("Verification code")),
    ]
    list_export = ["holder_name", "service", "module_title", "duration_hours", "completed_on", "code"]
    export_headings = {
        "holder_name": _("Name"),
        "service": _("Service"),
        "module_title": _("Module"),
        "duration_hours": _("Duration (hours)"),
        "completed_on": _("Completed on"),
        "code": _("Verification code"),
    }

    def get_queryset(self):
        return Attestation.objects.order_by("-completed_at", "holder_name")

    def get_filename(self):
        return f"formations-terminees-{datetime.date.today():%Y-%m-%d}"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        filtered = self.object_list
        context["per_module"] = list(
            filtered.order_by().values("module_title").annotate(total=Count("pk")).order_by("module_title")
        )
        context["per_service"] = list(
            filtered.order_by().values("service").annotate(total=Count("pk")).order_by("service")
        )
        context["completion_total"] = sum(row["total"] for row in context["per_module"])
        return context


class CompletionSummaryReportView(CompletionReportView):
    """The same completions counted per module and service: the figures the participation service reports on."""

    page_title = _("Training completions per module and service")
    header_icon = "table"
    index_url_name = "training_completion_summary_report"
    index_results_url_name = "training_completion_summary_report_results"
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    columns = [
        Column("module_title", label=_("Module")),
        Column("service", label=_("Service")),
        Column("total", label=_("Completions")),
        Column("hours", label=_("Training hours")),
    ]
    list_export = ["module_title", "service", "total", "hours"]
    export_headings = {
        "module_title": _("Module"),
        "service": _("Service"),
        "total": _("Completions"),
        "hours": _("Training hours"),
    }

    def get_filtered_queryset(self):
        return (
            super()
            .get_filtered_queryset()
            .order_by()
            .values("module_title", "service")
            .annotate(total=Count("pk"), hours=Sum("duration_hours"))
            .order_by("module_title", "service")
        )

    def get_filename(self):
        return f"formations-par-module-et-service-{datetime.date.today():%Y-%m-%d}"

    def get_context_data(self, *args, **kwargs):
        return super(CompletionReportView, self).get_context_data(*args, **kwargs)
