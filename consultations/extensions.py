"""Extension points of the consultations core, filled by its rooms with Wagtail hooks (in their wagtail_hooks
modules): the core shows a room's data through them without importing the room (the rooms build on the core)."""

from django.dispatch import Signal
from wagtail import hooks

# fn(consultation) -> its online participation record (process_url, process_title, process_title_language) or None.
ONLINE_PARTICIPATION = "consultation_online_participation"
# fn(consultation) -> the results of its implementation, each with `.proposals` (each with `.report_subject`).
IMPLEMENTATION_RESULTS = "consultation_implementation_results"
# fn(contribution_ids) -> {contribution id: [results carried out for it, each with title, status, progress, url]}
# (the Decidim accountability results that take up the proposal); the report's list and permalinks show them.
CONTRIBUTION_RESULTS = "consultation_contribution_results"
# fn(consultation) -> sections a room adds to the consultation page, after "how to take part": dicts with a
# "template" to include (given the dict as `section`) and what that template reads.
CONSULTATION_SECTIONS = "consultation_page_sections"
# fn(index_page, filters) -> sections a room adds to the consultation index under its filters (same shape).
INDEX_SECTIONS = "consultation_index_sections"
# fn(report) -> the badges of the labels awarded for the report's consultation, for the report's PDF: dicts with
# "svg" (the badge's SVG bytes), "alt" (its text alternative) and "url" (its verification page's public address).
REPORT_BADGES = "consultation_report_badges"
# fn(consultation, reported) -> links to the consultation's records in open formats, for its page and its report's
# (`reported`: the report is out, so its contributions are published): dicts with "text" and "url".
DATA_LINKS = "consultation_data_links"
# fn() -> the viewsets a room adds to the "Consultations" admin menu (consultations/wagtail_hooks.py), in order.
ADMIN_MENU_ITEMS = "consultations_admin_menu_items"


def first_answer(hook_name, *args):
    """The first non-empty answer of the functions registered for `hook_name`, or None."""
    for answer in (function(*args) for function in hooks.get_hooks(hook_name)):
        if answer:
            return answer
    return None


def all_answers(hook_name, *args):
    """Every item the functions registered for `hook_name` answer, in hook order."""
    return [item for function in hooks.get_hooks(hook_name) for item in function(*args)]


def merged_lists(hook_name, *args):
    """{key: items} gathered from every function registered for `hook_name` (each answering such a dict)."""
    merged = {}
    for function in hooks.get_hooks(hook_name):
        for key, items in (function(*args) or {}).items():
            merged.setdefault(key, []).extend(items)
    return merged


# Sent by a room when something happened to a consultation that the people following it should hear of (the
# label room when a document is awarded the label): kind (a Notice kind of consultations.follow), consultation (the
# page), key (what makes this piece of news unique: sent twice, it is told once) and details (plain values shown in
# the message). The followers' room receives it; a room sending it needs to know nothing of e-mails.
consultation_news = Signal()
