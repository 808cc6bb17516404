"""The admin's upload form for a Decidim open-data export: the same import as `manage.py import_decidim`. The file is
kept (in the database, for its owner only, KEPT_FOR long) between the dry run and the import, and between the
import and the confirmation of what it would remove; no message shows where it is stored."""

import secrets
import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from consultations.decidim.importer import ImportError_, run_import
from consultations.decidim.models import KeptUpload
from consultations.models import ConsultationPage
from consultations.permissions import editable_consultations

SEPARATORS = [
    ("auto", _("Detect it (“;”, “,” or a tab)")),
    (";", _("Semicolon “;” (Decidim's default)")),
    (",", _("Comma “,”")),
    ("\t", _("Tab")),
]


class ConsultationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, page):
        # The language a consultation is written in: contributions are imported into that version of the page.
        code = page.locale.language_code
        try:
            language = get_language_info(code)["name_translated"]
        except KeyError:
            language = code
        return f"{page.title} ({language})"


class DecidimImportForm(forms.Form):
    export = forms.FileField(
        label=_("Open-data export"),
        required=False,
        help_text=_(
            "The .zip file downloaded from /open-data/download on the Decidim platform, or one of its CSV files "
            "(/open-data/download/proposals). Read from it: the proposals (which become the consultation's "
            "contributions), the meetings, the results (the follow-up of the implementation) and, from version "
            "0.30, the process's own record. After a dry run the file is kept: import it without choosing it again."
        ),
    )
    upload = forms.CharField(required=False, widget=forms.HiddenInput)
    process = forms.SlugField(
        label=_("Decidim process"),
        help_text=_("The process's identifier, the part after /processes/ in its address, for example “plan-velo”."),
    )
    consultation = ConsultationChoiceField(
        label=_("Consultation"),
        queryset=ConsultationPage.objects.none(),
        help_text=_(
            "Only the consultations you may edit are offered, each with its language: import into the version the "
            "contributions are written in."
        ),
    )
    separator = forms.ChoiceField(
        label=_("Separator"),
        choices=SEPARATORS,
        initial="auto",
        help_text=_("The character that separates the columns: detected unless you choose one."),
    )
    dry_run = forms.BooleanField(
        label=_("Only show what would change"),
        required=False,
        initial=True,
        help_text=_(
            "Ticked: the import shows what would change (figures, contributions, results) without saving anything."
        ),
    )
    confirm_removal = forms.BooleanField(
        label=_("Remove them too"),
        required=False,
        help_text=_(
            "Removes the proposals listed above, their contribution records (with any answer written in them) and "
            "the results listed: they are no longer in the export."
        ),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Another consultation's id, posted by hand, is then refused as an invalid choice.
        self.fields["consultation"].queryset = editable_consultations(user).select_related("locale")

    def clean(self):
        data = super().clean()
        data["kept"] = None
        export = data.get("export")
        if export and export.size > settings.PACTE_DECIDIM_MAX_TOTAL_BYTES:
            # Stored before it is read: bounded here, before the zip's own limits apply to what it holds.
            self.add_error(
                "export",
                _("The file is larger than %(limit)s, the limit for a whole export (PACTE_DECIDIM_MAX_TOTAL_BYTES).")
                % {"limit": filesizeformat(settings.PACTE_DECIDIM_MAX_TOTAL_BYTES)},
            )
            return data
        if export:
            return data
        token = data.get("upload")
        kept = KeptUpload.objects.filter(token=token, user=self.user).first() if token else None
        if kept is None or kept in KeptUpload.expired():
            message = (
                _("The file uploaded before is no longer kept (after two hours): choose it again.")
                if token
                else _("Choose the export file.")
            )
            self.add_error("export", message)
        data["kept"] = kept
        return data


def keep(user, upload):
    """Store the uploaded file for `user`, in place of their earlier one; forget every expired upload."""
    with transaction.atomic():
        KeptUpload.expired().delete()
        KeptUpload.objects.filter(user=user).delete()
        return KeptUpload.objects.create(
            token=secrets.token_urlsafe(32),
            user=user,
            name=Path(upload.name).name[:255],
            data=b"".join(upload.chunks()),
        )


def import_kept(kept, data):
    """Run the import on the kept file, written for the time of the import to a folder no message names."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export"
        path.write_bytes(bytes(kept.data))
        try:
            return run_import(
                path,
                data["process"],
                data["consultation"],
                separator=data["separator"],
                dry_run=data["dry_run"],
                source_name=kept.name,
                confirm_removal=data["confirm_removal"],
            ), None
        except ImportError_ as problem:
            return None, str(problem).replace(folder, "…")


def decidim_import_view(request):
    if not request.user.has_perm("consultations.add_onlineparticipation"):
        raise PermissionDenied
    form = DecidimImportForm(request.user, request.POST or None, request.FILES or None)
    result, error, kept, data = None, None, None, {}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kept = keep(request.user, data["export"]) if data["export"] else data["kept"]
        result, error = import_kept(kept, data)
        if result and not data["dry_run"] and not result.needs_confirmation:
            kept.delete()  # imported for good: nothing left to confirm
            kept = None
        # What was typed stays, with the kept file; after a dry run the next step is the import itself.
        form = DecidimImportForm(
            request.user,
            initial={
                "upload": kept.token if kept else "",
                "process": data["process"],
                "consultation": data["consultation"],
                "separator": data["separator"],
                "dry_run": bool(error) or not (result and data["dry_run"]),
            },
        )
    return TemplateResponse(
        request,
        "consultations/admin/decidim_import.html",
        {
            "form": form,
            "result": result,
            "error": error,
            "kept": kept,
            "no_consultation": not form.fields["consultation"].queryset.exists(),
            "dry_run": data.get("dry_run"),
        },
    )
