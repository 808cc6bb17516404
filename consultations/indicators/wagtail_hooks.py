"""The indicators room's contributions to other apps' extension points."""

from django.template.loader import render_to_string
from wagtail import hooks

from consultations.indicators.aggregation import commitment_indicator


@hooks.register("register_commitment_panel")
def commitment_indicator_panel(commitment, request):
    """On the charter's commitment page: is this commitment kept, from the consultations that applied it."""
    return render_to_string(
        "consultations/includes/commitment_indicator.html", {"row": commitment_indicator(commitment)}, request=request
    )
