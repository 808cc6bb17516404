"""Figures an app publishes for others to measure with, without being imported by them: the app registers a Wagtail
hook under one of these names, the reader asks `figure(name)`. Training is private and stands beside the
consultations (neither imports the other), yet the charter's "share of staff trained" rule needs its count."""

from wagtail import hooks

# fn() -> (trained, staff): staff members registered for training, and how many completed at least one module.
STAFF_TRAINED = "site_figure_staff_trained"


def figure(name):
    """The answer of the first function registered under `name`, or None when no app publishes that figure."""
    for function in hooks.get_hooks(name):
        return function()
    return None
