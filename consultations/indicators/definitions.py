"""The dashboard's indicators: what each one measures and how it is written, never typed twice."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

COUNT, SHARE, DAYS = "count", "share", "days"
# How long computed figures may be kept when no content changes: "events held" moves with the clock.
CLOCK_SECONDS = 600


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    definition: str
    kind: str = COUNT


INDICATORS = [
    Indicator(
        "consultations",
        _("Consultations"),
        _("Published consultations in the selection, whatever their status."),
    ),
    Indicator(
        "participants_online",
        _("Participants online"),
        _("People who took part on the online platform, as counted in the published reports."),
    ),
    Indicator(
        "participants_in_person",
        _("Participants in person"),
        _(
            "People who came to the meetings: the report's figure once it is out, before that the attendance "
            "recorded in each event's minutes."
        ),
    ),
    Indicator(
        "contributions",
        _("Contributions"),
        _(
            "Contributions recorded one by one (online, in person, by letter or e-mail), each to be answered; for a "
            "consultation without records yet, the report's figures, or the contributions recorded at the events "
            "and imported from the online platform."
        ),
    ),
    Indicator(
        "answered_share",
        _("Contributions answered"),
        _(
            "Share of the contributions that have a final decision (kept, adapted, not kept or out of scope) and its "
            "reason; those still under study are not answered yet."
        ),
        SHARE,
    ),
    Indicator(
        "influence_share",
        _("Influence"),
        _("Share of the answered contributions that are kept or adapted."),
        SHARE,
    ),
    Indicator(
        "in_person_share",
        _("Hybridisation"),
        _("Share of the events already held that took place in person (or in person and online at once)."),
        SHARE,
    ),
    Indicator(
        "on_time_share",
        _("Reports on time"),
        _(
            "Among the consultations whose promised answer date has passed or whose report is out, the share whose "
            "report was published by the promised date."
        ),
        SHARE,
    ),
    Indicator(
        "median_delay",
        _("Median delay to the report"),
        _("Median number of days from the start of participation to the publication of the report."),
        DAYS,
    ),
    Indicator(
        "labels",
        _("Labels awarded"),
        _("Citizen labels awarded to official documents stemming from these consultations, still active."),
    ),
]
INDICATORS_BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
