"""The admin's upload form for a Decidim open-data export: the same import as `manage.py import_decidim`."""

import tempfile
from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from consultations.decidim.importer import ImportError_, run_import
from consultations.models import ConsultationPage


class DecidimImportForm(forms.Form):
    export = forms.FileField(
        label=_("Open-data export"),
        help_text=_(
            "Le fichier .zip téléchargé depuis /open-data/download sur la plateforme Decidim. Sont lus : les "
            "propositions, les rencontres, les résultats (le suivi de la mise en œuvre) et, depuis la version 0.30, "
            "la fiche de la démarche."
        ),
    )
    process = forms.SlugField(
        label=_("Decidim process"), help_text=_("L'identifiant de la démarche, par exemple « plan-velo ».")
    )
    consultation = forms.ModelChoiceField(
        label=_("Consultation"), queryset=ConsultationPage.objects.order_by("-first_published_at")
    )
    separator = forms.CharField(
        label=_("Separator"),
        initial=";",
        max_length=1,
        strip=False,
        help_text=_(
            "Le caractère qui sépare les colonnes : « ; » sauf si la plateforme (0.30 et après) en utilise un autre."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Only show what would change"),
        required=False,
        initial=True,
        help_text=_(
            "Cochée : l'import montre ce qui changerait (chiffres, lignes du bilan, résultats) sans rien enregistrer."
        ),
    )


def decidim_import_view(request):
    if not request.user.has_perm("consultations.add_onlineparticipation"):
        raise PermissionDenied
    form = DecidimImportForm(request.POST or None, request.FILES or None)
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
            "dry_run": form.cleaned_data.get("dry_run") if form.is_bound and form.is_valid() else None,
        },
    )
