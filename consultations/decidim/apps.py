"""The decidim room of the consultations app: its own app config so that Django finds its templates, static
files, demo builder and Wagtail hooks; its models keep the app label `consultations` (same tables, no migration)."""

from django.apps import AppConfig


class ConsultationsDecidimConfig(AppConfig):
    name = "consultations.decidim"
    label = "consultations_decidim"
    verbose_name = "Decidim import"
