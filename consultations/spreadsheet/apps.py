"""The spreadsheet round trip's app config: part of the consultations core (not a room), registered as an app so that
Django finds its templates and Wagtail its hooks; its model keeps the app label `consultations`."""

from django.apps import AppConfig


class ConsultationsSpreadsheetConfig(AppConfig):
    name = "consultations.spreadsheet"
    label = "consultations_spreadsheet"
    verbose_name = "Contributions spreadsheet"
