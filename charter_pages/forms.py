"""The charter page's admin form: checks that commitment numbers are unique across all chapters."""

from collections import Counter

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class CharterPageForm(WagtailAdminPageForm):
    def is_valid(self):
        # Numbers live in formsets nested in the chapters formset, which are only cleaned after the page form
        # itself: compare them once everything else is valid.
        if not super().is_valid():
            return False
        numbered = []
        chapters = self.formsets["chapters"]
        for chapter_form in chapters.forms:
            if chapters._should_delete_form(chapter_form):
                continue
            commitments = chapter_form.formsets["commitments"]
            for form in commitments.forms:
                number = form.cleaned_data.get("number")
                if number is not None and not commitments._should_delete_form(form):
                    numbered.append((number, form))
        counts = Counter(number for number, _form in numbered)
        duplicates = sorted(number for number, count in counts.items() if count > 1)
        if not duplicates:
            return True
        message = _("Each commitment needs its own number; these numbers are used twice: %(numbers)s.") % {
            "numbers": ", ".join(str(number) for number in duplicates)
        }
        for number, form in numbered:
            if number in duplicates:
                form.add_error("number", _("Another commitment of the charter already has this number."))
        self.add_error(None, message)
        return False
