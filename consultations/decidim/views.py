"""The admin's upload form for a Decidim open-data export: the same import as `manage.py import_decidim`."""

import tempfile
from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from consultations.decidim.importer import ImportError_, run_import
from consultations.models import ConsultationPage


class DecidimImportForm(forms.Form):
    export = forms.FileField(
        label=_("Open-data export"),
        help_text=_(
            "The .zip file downloaded from /open-data/download on the Decidim platform. Read from it: the proposals, "
            "the meetings, the results (the follow-up of the implementation) and, from version 0.30, the process's own "
            "record."
        ),
    )
    process = forms.SlugField(
        label=_("Decidim process"), help_text=_("The process's identifier, for example “plan-velo”.")
    )
    consultation = forms.ModelChoiceField(
        label=_("Consultation"),
        queryset=ConsultationPage.objects.none(),
        help_text=_("Only the consultations you may edit are offered."),
    )
    separator = forms.CharField(
        label=_("Separator"),
        initial=";",
        max_length=1,
        strip=False,
        help_text=_(
            "The character that separates the columns: “;” unless the platform (0.30 and later) uses another one."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Only show what would change"),
        required=False,
        initial=True,
        help_text=_(
            "Ticked: the import shows what would change (figures, report rows, results) without saving anything."
        ),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Another consultation's id, posted by hand, is then refused as an invalid choice.
        self.fields["consultation"].queryset = editable_consultations(user)


def editable_consultations(user):
    """The consultations `user` may edit, newest first: Wagtail's rule for `page.permissions_for_user(user)
    .can_edit()` ("change" on the page or an ancestor, or "add" there on a page they own, or superuser), as one
    query. The import writes the page's figures and report drafts, so it asks what editing the page asks."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return ConsultationPage.objects.filter(pk__in=editable.values("pk")).order_by("-first_published_at")


def decidim_import_view(request):
    if not request.user.has_perm("consultations.add_onlineparticipation"):
        raise PermissionDenied
    form = DecidimImportForm(request.user, request.POST or None, request.FILES or None)
    result, error = None, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["export"]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "export.zip"
            with path.open("wb") as file:
                for chunk in upload.chunks():
                    file.write(chunk)
            try:
                result = run_import(
                    path,
                    data["process"],
                    data["consultation"],
                    separator=data["separator"],
                    dry_run=data["dry_run"],
                    source_name=upload.name,
                )
            except ImportError_ as problem:
                error = str(problem).replace("export.zip", upload.name)
    return TemplateResponse(
        request,
        "consultations/admin/decidim_import.html",
        {
            "form": form,
            "result": result,
            "error": error,
            "no_consultation": not form.fields["consultation"].queryset.exists(),
            "dry_run": form.cleaned_data.get("dry_run") if form.is_bound and form.is_valid() else None,
        },
    )
