"""The label room of the consultations app: its own app config so that Django finds its templates, static
files, demo builder and Wagtail hooks; its models keep the app label `consultations` (same tables, no migration)."""

from django.apps import AppConfig


class ConsultationsLabelConfig(AppConfig):
    name = "consultations.label"
    label = "consultations_label"
    verbose_name = "Citizen label"

    def ready(self):
        from consultations.label import signals  # noqa: F401, PLC0415  (connects the receivers once models are ready)
