"""The indicators room's contributions to other apps' extension points."""

from wagtail import hooks

from charter_pages import extensions as charter
from consultations.indicators.aggregation import measures_for_charter

# The charter's commitment pages say whether each commitment is kept, by its own rule, from these measures.
hooks.register(charter.COMMITMENT_MEASURES, measures_for_charter)
