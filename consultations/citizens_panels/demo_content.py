"""The demo's citizens' panel (consultations/citizens_panels/demo/panel.yaml): its volunteers registered, its list
published six days ago and drawn two days ago with dice, so that the page shows a stratified draw anyone can replay,
with one stratum short. Idempotent: an identical panel already drawn is left alone."""

import itertools
from pathlib import Path

from consultations.citizens_panels.models import CitizensPanel, PanelVolunteer, number_of
from consultations.models import ConsultationPage, RandomDraw
from site_core import demo

DATA = Path(__file__).parent / "demo" / "panel.yaml"


@demo.register(order=24)
def build_panel(stdout):
    spec = demo.load_data(DATA)
    consultation = ConsultationPage.objects.filter(slug=spec["consultation"], locale=demo.locale("fr")).first()
    if consultation is None:
        return
    volunteers = list(made_up_volunteers(spec))
    entries = [PanelVolunteer(number=number, values=values).entry for number, _name, values in volunteers]
    panel = CitizensPanel.objects.filter(consultation=consultation, title=spec["title"]).select_related("draw").first()
    if panel is not None:
        draw = panel.draw
        if draw is not None and draw.population == entries and draw.seed == spec["seed"]:
            stdout.write("Citizens' panel: already drawn.")
            return
        panel.delete()
        if draw is not None:
            RandomDraw.objects.filter(pk=draw.pk).delete()
    panel = CitizensPanel.objects.create(
        consultation=consultation,
        title=spec["title"],
        method=spec["method"],
        criteria=spec["criteria"],
        seats=spec["seats"],
        seed_source=spec["seed_source"],
    )
    PanelVolunteer.objects.bulk_create(
        PanelVolunteer(panel=panel, number=number, full_name=name, contact="", values=values, source=source)
        for (number, name, values), source in zip(
            volunteers, itertools.cycle([PanelVolunteer.IMPORTED, PanelVolunteer.OFFLINE]), strict=False
        )
    )
    published, performed = spec["list_published_on"], spec["performed_on"]
    draw = panel.publish(published_at=demo.moment(published["day"], published["time"]))
    draw.perform(
        spec["seed"],
        performed_by=spec["performed_by"],
        performed_at=demo.moment(performed["day"], performed["time"]),
    )
    stdout.write(f"Citizens' panel: {len(volunteers)} volunteers, {draw.count} of {draw.seats} seats drawn.")


def made_up_volunteers(spec):
    """(number, name, values) of each volunteer, the strata interleaved as people registered, names from the lists."""
    pending = [[row["values"], row["count"]] for row in spec["volunteers"]]
    names = itertools.product(spec["family_names"], spec["first_names"])
    position = 0
    while any(count for _values, count in pending):
        for row in pending:
            if row[1]:
                row[1] -= 1
                position += 1
                family, first = next(names)
                yield number_of(position), f"{first} {family}", list(row[0])
