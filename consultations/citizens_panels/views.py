"""The admin pages of the citizens' panels: the panels of the consultations an editor may edit, and for one of them
its strata against the volunteers registered, the forms that register them (one by one or from a spreadsheet), the
publication of the list (the draw's commitment) and, once drawn, the erasure of names and contacts."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultations.citizens_panels import importing
from consultations.citizens_panels.forms import PanelForm, SeedForm, VolunteerForm, VolunteersFileForm
from consultations.citizens_panels.models import CitizensPanel, PanelVolunteer
from consultations.permissions import editable_originals
from consultations.spreadsheet.reading import listed

NAMESPACE = "citizens_panels"


def _panel(request, panel_id):
    """The panel if the user may edit its consultation's page (what its records ask); 404 or 403 otherwise."""
    panel = get_object_or_404(CitizensPanel.objects.select_related("consultation", "draw"), pk=panel_id)
    if not panel.consultation.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return panel


def _detail(panel):
    return reverse(f"{NAMESPACE}:detail", args=[panel.pk])


def index_view(request):
    panels = CitizensPanel.objects.filter(consultation__in=editable_originals(request.user)).select_related(
        "consultation", "draw"
    )
    return TemplateResponse(request, "citizens_panels/admin/index.html", {"panels": panels})


def create_view(request):
    form = PanelForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        panel = form.save()
        messages.success(request, _("Panel created: register its volunteers, then publish the list."))
        return redirect(_detail(panel))
    return TemplateResponse(request, "citizens_panels/admin/form.html", {"form": form})


def edit_view(request, panel_id):
    panel = _panel(request, panel_id)
    if panel.is_published:
        messages.error(request, _("The list of this panel is published: its criteria and seats can no longer change."))
        return redirect(_detail(panel))
    form = PanelForm(request.POST or None, instance=panel, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Panel saved."))
        return redirect(_detail(panel))
    return TemplateResponse(request, "citizens_panels/admin/form.html", {"form": form, "panel": panel})


def detail_view(request, panel_id, volunteer_form=None, file_form=None, seed_form=None, problems=None, status=200):
    panel = _panel(request, panel_id)
    problems, more_problems = listed(problems or [])
    if seed_form is None and panel.draw and not panel.draw.is_drawn:
        seed_form = SeedForm(draw=panel.draw)
    context = {
        "seed_form": seed_form,
        "panel": panel,
        "strata": panel.strata_overview(),
        "volunteers": panel.volunteers.all(),
        "volunteer_form": volunteer_form or VolunteerForm(panel=panel),
        "file_form": file_form or VolunteersFileForm(),
        "problems": problems,
        "more_problems": more_problems,
    }
    return TemplateResponse(request, "citizens_panels/admin/detail.html", context, status=status)


@require_POST
def add_volunteer_view(request, panel_id):
    panel = _panel(request, panel_id)
    form = VolunteerForm(request.POST, panel=panel)
    if not form.is_valid():
        return detail_view(request, panel_id, volunteer_form=form, status=400)
    try:
        volunteer = panel.add_volunteer(
            form.cleaned_data["full_name"], form.cleaned_data["contact"], form.values(), PanelVolunteer.OFFLINE
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail(panel))
    messages.success(request, _("Volunteer registered as %(number)s.") % {"number": volunteer.number})
    return redirect(_detail(panel))


@require_POST
def import_view(request, panel_id):
    panel = _panel(request, panel_id)
    form = VolunteersFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return detail_view(request, panel_id, file_form=form, status=400)
    upload = form.cleaned_data["spreadsheet"]
    reading = importing.read_volunteers(panel, upload.read(settings.PACTE_SPREADSHEET_MAX_BYTES + 1), upload.name)
    if not reading.ok:
        return detail_view(request, panel_id, file_form=form, problems=reading.problems, status=400)
    try:
        added = importing.import_volunteers(panel, reading)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail(panel))
    messages.success(
        request,
        _("Imported from “{file}”: {count} volunteers registered, {first} to {last}.").format(
            file=upload.name, count=len(added), first=added[0].number, last=added[-1].number
        ),
    )
    return redirect(_detail(panel))


@require_POST
def publish_view(request, panel_id):
    panel = _panel(request, panel_id)
    try:
        panel.publish()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail(panel))
    messages.success(
        request,
        _("List published with its fingerprint: the consultation page shows it. At the session, type the seed here."),
    )
    return redirect(_detail(panel))


@require_POST
def draw_view(request, panel_id):
    """At the session: the seed typed draws the panel, as the draw's own admin page would."""
    panel = _panel(request, panel_id)
    if not panel.draw or panel.draw.is_drawn:
        return redirect(_detail(panel))
    form = SeedForm(request.POST, draw=panel.draw)
    if not form.is_valid():
        return detail_view(request, panel_id, seed_form=form, status=400)
    user = request.user
    panel.draw.perform(
        form.cleaned_data["seed"],
        performed_by=user.get_full_name() or user.get_username(),
        performed_at=form.performed_at,
    )
    messages.success(
        request, _("Panel drawn: the consultation page shows its members and reserves, stratum by stratum.")
    )
    return redirect(_detail(panel))


@require_POST
def erase_view(request, panel_id):
    panel = _panel(request, panel_id)
    try:
        panel.erase_personal_data()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Names and contacts erased; the numbers and strata stay as the draw published them.")
        )
    return redirect(_detail(panel))
