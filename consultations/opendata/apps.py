"""The open-data room of the consultations app: the site's own public records (charter commitments, consultations,
phases, events, contributions and their answers, reports, label awards, indicators) as a Frictionless data package
of CSV and JSON files, built once per content change. Its page model keeps the app label `consultations`."""

from django.apps import AppConfig


class ConsultationsOpenDataConfig(AppConfig):
    name = "consultations.opendata"
    label = "consultations_opendata"
    verbose_name = "Open data"
