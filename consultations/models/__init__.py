"""The consultations app's models, one module per concern, re-exported here for Django and for imports."""

from .consultation import ConsultationPage
from .dashboard import DashboardPage
from .decidim import ImplementationResult, ImportedProposal, OnlineParticipation
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
    "DashboardPage",
    "ImplementationResult",
    "ImportedProposal",
    "LabelAward",
    "LabelLevel",
    "LabelPage",
    "OnlineParticipation",
    "RandomDraw",
    "ReportNextStep",
    "ReportResponse",
    "Territory",
]
