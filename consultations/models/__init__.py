"""The consultations app's core models, one module per concern, re-exported here for Django and for imports. The
rooms' models (label, indicators, decidim) live in their own sub-packages, under the same app label."""

from .consultation import ConsultationPage
from .contribution import Contribution, SharedAnswer
from .draw import RandomDraw
from .index import ConsultationIndexPage
from .records import ConsultationEvent, ConsultationPhase
from .report import ConsultationReportPage, ReportNextStep, ReportResponse
from .taxonomy import ConsultationTag, Territory

__all__ = [
    "ConsultationEvent",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationPhase",
    "ConsultationReportPage",
    "ConsultationTag",
    "Contribution",
    "RandomDraw",
    "ReportNextStep",
    "ReportResponse",
    "SharedAnswer",
    "Territory",
]
