"""The consultations app's models, one module per concern, re-exported here for Django and for imports."""

from .consultation import ConsultationPage
from .draw import RandomDraw
from .index import ConsultationIndexPage
from .label import LabelAward, LabelLevel, LabelPage
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
    "LabelAward",
    "LabelLevel",
    "LabelPage",
    "RandomDraw",
    "ReportNextStep",
    "ReportResponse",
    "Territory",
]
