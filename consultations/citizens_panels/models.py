"""A citizens' panel and its volunteers. The panel says which criteria make a stratum and the target share of each
value; the seats per stratum follow (consultations.draws.targets_from_shares). Publishing the panel's list makes the
core's stratified RandomDraw: from then on the list is the record and the volunteers can no longer change; the seed
is typed at the session in the draw's own admin page, as for any draw."""

import itertools
import re
from collections import Counter
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from consultations import draws
from consultations.models import RandomDraw

# "60 et plus (27 %)", "Femme (51,6)", "Lille": a value and its optional target share.
VALUE_PATTERN = re.compile(r"^(?P<value>.+?)\s*(?:\((?P<share>[0-9]+(?:[.,][0-9]+)?)\s*%?\s*\))?$")


class Criterion:
    def __init__(self, name, values):
        self.name = name
        self.values = values  # [(value, share)]

    @property
    def value_names(self):
        return [value for value, _share in self.values]


def parse_criteria(text):
    """The criteria an editor wrote, one a line: "Name: value (share), value (share)…". A value without a share
    counts as much as each other such value of its line. Raises ValidationError naming the line to fix."""
    criteria = []
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    for number, line in enumerate(lines, start=1):
        name, colon, rest = line.partition(":")
        name = draws.clean_value(name)
        if not colon or not name or not rest.strip():
            message = _("Line %(line)s: write the criterion, a colon, then its values separated by commas.")
            raise ValidationError(message % {"line": number})
        values = []
        for item in (part.strip() for part in rest.split(",")):
            match = VALUE_PATTERN.match(item) if item else None
            if match is None:
                raise ValidationError(_("Line %(line)s: a value is empty (two commas in a row?).") % {"line": number})
            try:
                share = Decimal(match["share"].replace(",", ".")) if match["share"] else None
            except InvalidOperation:
                share = None
            values.append((draws.clean_value(match["value"]), share))
        names = [value for value, _share in values]
        if len(set(names)) != len(names):
            raise ValidationError(_("Line %(line)s: a value is given twice.") % {"line": number})
        given = [share for _value, share in values if share is not None]
        if given and len(given) != len(values):
            raise ValidationError(
                _("Line %(line)s: give a share to every value of the criterion, or to none.") % {"line": number}
            )
        if given and not sum(given):
            raise ValidationError(_("Line %(line)s: the shares add up to zero.") % {"line": number})
        criteria.append(Criterion(name, [(value, share if given else Decimal(1)) for value, share in values]))
    if not criteria:
        raise ValidationError(_("Give at least one criterion."))
    if len({criterion.name for criterion in criteria}) != len(criteria):
        raise ValidationError(_("Two criteria have the same name."))
    return criteria


class CitizensPanel(models.Model):
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="citizens_panels",
    )
    title = models.CharField(
        _("what is drawn"),
        max_length=200,
        help_text=_(
            "Shown on the consultation page, for example “The 24 members of the citizens' panel on local food”."
        ),
    )
    method = models.TextField(
        _("method"),
        help_text=_(
            "How volunteers were found (letters, stands, associations), who may volunteer, who attends the draw."
        ),
    )
    criteria = models.TextField(
        _("criteria and target shares"),
        help_text=_(
            "One criterion a line: its name, a colon, then its values separated by commas, each with its target share "
            "in brackets, for example “Age band: 16-29 (22), 30-44 (25), 45-59 (26), 60 and over (27)”. Shares are "
            "percentages or census counts; without shares, the values count equally. The seats of each stratum (one "
            "value of each criterion) follow from the shares multiplied together."
        ),
    )
    seats = models.PositiveIntegerField(_("seats"), help_text=_("How many members the panel has."))
    seed_source = models.TextField(
        _("where the seed comes from"), help_text=RandomDraw._meta.get_field("seed_source").help_text
    )
    draw = models.OneToOneField(
        RandomDraw,
        verbose_name=_("draw"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="citizens_panel",
    )
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("citizens' panel")
        verbose_name_plural = _("citizens' panels")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        try:
            parse_criteria(self.criteria)
        except ValidationError as error:
            raise ValidationError({"criteria": error.messages}) from error
        if not self.seats:
            raise ValidationError({"seats": _("A panel has at least one seat.")})

    @cached_property
    def parsed_criteria(self):
        return parse_criteria(self.criteria)

    @property
    def is_published(self):
        return self.draw_id is not None

    def quotas(self):
        """[[stratum, seats]]: every combination of one value per criterion, its share the product of the values'
        shares, the seats shared out by the largest remainder."""
        criteria = self.parsed_criteria
        combinations = itertools.product(*(criterion.values for criterion in criteria))
        shares = []
        for combination in combinations:
            weight = Decimal(1)
            for (_value, share), criterion in zip(combination, criteria, strict=True):
                weight *= share / sum(s for _v, s in criterion.values)
            shares.append((draws.SEPARATOR.join(value for value, _share in combination), weight))
        return draws.targets_from_shares(shares, self.seats)

    def strata_overview(self):
        """Each stratum's seats against the volunteers registered so far (the editor's view before publication)."""
        registered = Counter(
            draws.SEPARATOR.join(values) for values in self.volunteers.values_list("values", flat=True)
        )
        return [
            {
                "values": stratum.split(draws.SEPARATOR),
                "seats": seats,
                "registered": registered.get(stratum, 0),
                "short": max(seats - registered.get(stratum, 0), 0),
            }
            for stratum, seats in self.quotas()
        ]

    def entries(self):
        return [volunteer.entry for volunteer in self.volunteers.order_by("number")]

    @transaction.atomic
    def publish(self, published_at=None):
        """The commitment: the pseudonymous list and the quotas become a stratified draw, published now."""
        if self.is_published:
            raise ValidationError(_("The list of this panel is already published: it can no longer change."))
        entries = self.entries()
        if not entries:
            raise ValidationError(_("Register the volunteers before publishing the list."))
        self.draw = RandomDraw.publish_list(
            consultation=self.consultation,
            title=self.title,
            method=self.method,
            items=entries,
            count=0,
            seed_source=self.seed_source,
            published_at=published_at,
            criteria=[criterion.name for criterion in self.parsed_criteria],
            quotas=self.quotas(),
        )
        self.save(update_fields=["draw"])
        return self.draw

    @transaction.atomic
    def erase_personal_data(self):
        """Once the panel has met, names and contacts go; the numbers and strata stay, as the draw published them."""
        if not (self.draw and self.draw.is_drawn):
            raise ValidationError(_("Erase the volunteers' names and contacts only once the panel has been drawn."))
        self.volunteers.update(full_name="", contact="")
        self.personal_data_erased_at = timezone.now()
        self.save(update_fields=["personal_data_erased_at"])

    def next_number_value(self):
        last = self.volunteers.order_by("-number").values_list("number", flat=True).first()
        return int(last[2:]) + 1 if last else 1

    def add_volunteer(self, full_name, contact, values, source):
        """One volunteer, numbered in the order registered; refused once the list is published."""
        if self.is_published:
            raise ValidationError(_("The list of this panel is published: no volunteer can be added any more."))
        return self.volunteers.create(
            number=number_of(self.next_number_value()),
            full_name=" ".join(full_name.split()),
            contact=" ".join(contact.split()),
            values=[draws.clean_value(value) for value in values],
            source=source,
        )


def number_of(value):
    """The pseudonym of the volunteer registered `value`-th: "V-0007" (sorted as text, it sorts as registered)."""
    return f"V-{value:04d}"


class PanelVolunteer(models.Model):
    OFFLINE = "offline"
    IMPORTED = "imported"
    SOURCES = [(OFFLINE, _("registered by an agent")), (IMPORTED, _("imported from a spreadsheet"))]

    panel = models.ForeignKey(CitizensPanel, on_delete=models.CASCADE, related_name="volunteers")
    number = models.CharField(_("number"), max_length=12, help_text=_("The pseudonym the published list shows."))
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    contact = models.CharField(_("e-mail or telephone"), max_length=200, blank=True)
    values = models.JSONField(_("stratum"), default=list)
    source = models.CharField(_("source"), max_length=10, choices=SOURCES, default=OFFLINE)
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["panel", "number"], name="panel_volunteer_number_unique")]

    def __str__(self):
        return self.number

    @property
    def stratum(self):
        return draws.SEPARATOR.join(self.values)

    @property
    def entry(self):
        return draws.panel_entry(self.number, self.values)
