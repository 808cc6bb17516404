"""Extension points of the charter, filled by other apps with Wagtail hooks: the charter shows who applies its
commitments without knowing those apps (they build on the charter, never the other way round)."""

# fn(charter_page) -> {commitment pk: how many live, public pages apply it}, in a bounded number of queries.
COMMITMENT_USE_COUNTS = "charter_commitment_use_counts"
# fn(commitment) -> the live, public pages that apply it, the newest first.
COMMITMENT_APPLIED_BY = "charter_commitment_applied_by"
# fn(commitments) -> {commitment pk: rules.Measure} for the commitments whose rule it computes, in a bounded number
# of queries whatever their number (see charter_pages.rules.measure_commitments).
COMMITMENT_MEASURES = "charter_commitment_measures"
