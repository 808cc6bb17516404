"""The followers' room of the consultations app: citizens follow a consultation, a theme or a territory and are told
by e-mail when it opens, meets, reports, is late or is labelled. Its records are personal data (e-mail addresses),
kept apart under an app label of their own: they never reach a public page, a cache, an export or the sitemap."""

from django.apps import AppConfig


class ConsultationsFollowConfig(AppConfig):
    name = "consultations.follow"
    label = "consultations_follow"
    verbose_name = "Followers"

    def ready(self):
        from consultations.follow import triggers  # noqa: F401, PLC0415  (connects the signal receivers)
