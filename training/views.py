"""The participation service's follow-up report in the Wagtail admin: who completed which module, and when."""

import datetime

import django_filters
from django.db.models import Count, Min, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from site_core.translation import locale_preference
from training.models import Attestation, TrainingModulePage

# Attestations are counted per module across its translations (module_key, see records.LessonProgress): a module
# completed in French and the same module completed in English are one module in every figure.


def module_choices(request):
    """One choice per module, not one per translation, titled in the admin's language when translated."""
    preferred = {}
    for pk, key in (
        TrainingModulePage.objects.annotate(preference=locale_preference())
        .order_by("-preference", "-pk")
        .values_list("pk", "translation_key")
    ):
        preferred[key] = pk  # the last one seen, i.e. the most preferred, wins
    return TrainingModulePage.objects.filter(pk__in=preferred.values()).order_by("title")


def module_name():
    """A module's name in grouped figures: its current title in the admin's language (else the default one's, else
    any), or the title copied on its attestations once the module page is gone."""
    current = (
        TrainingModulePage.objects.filter(translation_key=OuterRef("module_key"))
        .annotate(preference=locale_preference())
        .order_by("preference", "pk")
        .values("title")[:1]
    )
    return Coalesce(Subquery(current), Min("module_title"))


def service_choices():
    services = (
        Attestation.objects.filter(superseded=False).exclude(service="").values_list("service", flat=True).distinct()
    )
    return [(service, service) for service in services.order_by("service")]


class CompletionReportFilterSet(WagtailFilterSet):
    completed_at = django_filters.DateFromToRangeFilter(
        label=_("Completion date"), widget=DateRangePickerWidget, method="filter_completed_between"
    )
    module = django_filters.ModelChoiceFilter(label=_("Module"), queryset=module_choices, method="filter_module")
    service = django_filters.ChoiceFilter(label=_("Service"), choices=service_choices)

    class Meta:
        model = Attestation
        fields = ["module", "service", "completed_at"]

    def filter_module(self, queryset, name, value):
        return queryset.filter(module_key=value.translation_key) if value else queryset

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
        # A superseded attestation (a module completed again in another language before progress followed
        # translations) still verifies, but the person completed the module once.
        return Attestation.objects.filter(superseded=False).order_by("-completed_at", "holder_name")

    def get_filename(self):
        return f"formations-terminees-{datetime.date.today():%Y-%m-%d}"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        filtered = self.object_list
        context["per_module"] = list(
            filtered.order_by()
            .values("module_key")
            .annotate(module_name=module_name(), total=Count("pk"))
            .order_by("module_name")
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
        Column("module_name", label=_("Module")),
        Column("service", label=_("Service")),
        Column("total", label=_("Completions")),
        Column("hours", label=_("Training hours")),
    ]
    list_export = ["module_name", "service", "total", "hours"]
    export_headings = {
        "module_name": _("Module"),
        "service": _("Service"),
        "total": _("Completions"),
        "hours": _("Training hours"),
    }

    def get_filtered_queryset(self):
        return (
            super()
            .get_filtered_queryset()
            .order_by()
            .values("module_key", "service")
            .annotate(module_name=module_name(), total=Count("pk"), hours=Sum("duration_hours"))
            .order_by("module_name", "service")
        )

    def get_filename(self):
        return f"formations-par-module-et-service-{datetime.date.today():%Y-%m-%d}"

    def get_context_data(self, *args, **kwargs):
        return super(CompletionReportView, self).get_context_data(*args, **kwargs)
