"""The citizens' panels room of the consultations app: volunteers registered offline or imported from a spreadsheet,
and the panel drawn from them with quotas per stratum (a stratified RandomDraw of the core). Its records are
personal data (names and contacts), kept apart under an app label of their own: public pages, caches and exports
only ever see the draw's pseudonymous numbers and strata."""

from django.apps import AppConfig


class ConsultationsCitizensPanelsConfig(AppConfig):
    name = "consultations.citizens_panels"
    label = "consultations_citizens_panels"
    verbose_name = "Citizens' panels"
