"""Random draws (tirage au sort), commit then reveal: the list and its fingerprint are published first, with their
date; the seed, a public value fixed later and outside the authority's control, is entered at the draw. Anyone can
then replay the draw from the published file and the seed (consultations/draws.py, docs/draw-replay.md)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from consultations import draws
from site_core.dates import local_date


class RandomDraw(index.Indexed, models.Model):
    # Reserves a stratum's row shows on the page; the rest are in the table of every entry's number.
    RESERVES_SHOWN = 5
    COMMIT_REVEAL = "commit_reveal"
    FORMER = "former"
    PROTOCOLS = [
        (COMMIT_REVEAL, _("list published before the draw, public seed")),
        (FORMER, _("former method, not replayable")),
    ]

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="random_draws",
    )
    title = models.CharField(
        _("what is drawn"),
        max_length=200,
        help_text=_("For example “The 8 proposals presented at the pitch event”."),
    )
    method = models.TextField(
        _("method"),
        help_text=_("Why a random draw, who attends it, how the list was made."),
    )
    protocol = models.CharField(_("protocol"), max_length=20, choices=PROTOCOLS, default=COMMIT_REVEAL)
    population = models.JSONField(_("list drawn from"), default=list)
    population_size = models.PositiveIntegerField(_("size of the list"))
    population_fingerprint = models.CharField(_("fingerprint of the list (SHA-256)"), max_length=64)
    list_published_at = models.DateTimeField(
        _("list published at"),
        null=True,
        blank=True,
        help_text=_("When the list and its fingerprint were published: the seed must be fixed after that moment."),
    )
    seed_source = models.TextField(
        _("where the seed comes from"),
        blank=True,
        help_text=_(
            "Announced with the list, before the draw: a public value fixed after the list is published and that "
            "the Métropole does not control, for example “the ten dice thrown at the session by ten people from "
            "the audience, in the order thrown” or “the numbers of the national lottery draw of 12 March”."
        ),
    )
    seed = models.CharField(
        _("seed"),
        max_length=100,
        blank=True,
        help_text=_("The value read at the draw, exactly as announced, for example “3-6-1-4-4-2-5-6-1-3”."),
    )
    algorithm = models.CharField(_("algorithm"), max_length=40, default=draws.ALGORITHM)
    # A stratified draw (a citizens' panel): the criteria's names, in the order of the entries' values, and the
    # seats of each stratum, published as the quotas file with its fingerprint before the draw.
    criteria = models.JSONField(_("criteria"), default=list, blank=True)
    quotas = models.JSONField(_("seats per stratum"), default=list, blank=True)
    quotas_fingerprint = models.CharField(_("fingerprint of the quotas (SHA-256)"), max_length=64, blank=True)
    count = models.PositiveIntegerField(_("number drawn"))
    result = models.JSONField(_("result"), default=list, blank=True)
    performed_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    performed_by = models.CharField(_("performed by"), max_length=160, blank=True)

    # Found by the site search on its own (consultations/search.py), and with its consultation (ConsultationPage).
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("kind_name"),
        index.SearchField("method"),
        index.AutocompleteField("title"),
        index.FilterField("consultation"),
    ]
    search_result_kind = pgettext_lazy("search result", "Random draw")

    class Meta:
        verbose_name = _("random draw")
        verbose_name_plural = _("random draws")
        ordering = ["-list_published_at", "-performed_at"]
        constraints = [
            models.CheckConstraint(condition=Q(count__lte=F("population_size")), name="draw_count_within_list"),
            models.CheckConstraint(
                condition=~Q(protocol="commit_reveal") | Q(list_published_at__isnull=False),
                name="draw_list_published_first",
            ),
            models.CheckConstraint(
                condition=Q(performed_at__isnull=True)
                | Q(list_published_at__isnull=True)
                | Q(performed_at__gt=F("list_published_at")),
                name="draw_seed_after_list",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def search_locale_id(self):
        """The language the draw is indexed in (site_core/search_backend.py): its consultation's."""
        return self.consultation.locale_id if self.consultation_id else None

    def kind_name(self):
        """ "Tirage au sort" in its consultation's language, for the search to find a draw by what it is."""
        with translation.override(self.consultation.locale.language_code if self.consultation_id else None):
            return gettext("random draw")

    # The two steps ----------------------------------------------------------------------------------------

    @classmethod
    def publish_list(
        cls, consultation, title, method, items, count, seed_source, published_at=None, criteria=None, quotas=None
    ):
        """Step 1, the commitment: store and publish the list, its fingerprint and where the seed will come from.
        With `quotas` ([[stratum, seats]]) the draw is stratified: `count` is ignored, the quotas say how many."""
        entries = draws.normalise_items(items)
        quotas = [[" ".join(str(stratum).split()), int(seats)] for stratum, seats in quotas or []]
        if quotas:
            check_quotas(entries, quotas)
            count = draws.drawable_count(entries, quotas)
        check_count(entries, count)
        seed_source = " ".join(str(seed_source or "").split())
        if not seed_source:
            raise ValidationError(
                {"seed_source": _("Say where the seed will come from: it is published with the list, before the draw.")}
            )
        return cls.objects.create(
            consultation=consultation,
            title=title,
            method=method,
            protocol=cls.COMMIT_REVEAL,
            population=entries,
            population_size=len(entries),
            population_fingerprint=draws.fingerprint(entries),
            list_published_at=published_at or timezone.now(),
            seed_source=seed_source,
            algorithm=draws.STRATIFIED_ALGORITHM if quotas else draws.ALGORITHM,
            count=count,
            criteria=[draws.clean_value(name) for name in criteria or []],
            quotas=quotas,
            quotas_fingerprint=draws.quotas_fingerprint(quotas) if quotas else "",
        )

    def perform(self, seed, performed_by="", performed_at=None):
        """Step 2, the reveal: draw with the public seed read at the session, once, after the list's publication."""
        performed_at = performed_at or timezone.now()
        error = self.seed_error(seed, performed_at)
        if error:
            raise ValidationError({"seed": error})
        self.seed = draws.normalise_seed(seed)
        self.performed_at = performed_at
        self.performed_by = performed_by
        self.result = self.rerun()
        self.save()
        return self

    def seed_error(self, seed, performed_at):
        """Why `seed` cannot draw at `performed_at` (a sentence that says what to do), or None."""
        if self.is_drawn or not self.is_replayable:
            return _("This draw has already been made: its seed and result cannot change.")
        if not draws.normalise_seed(seed):
            return _("Type the seed read at the draw, exactly as announced.")
        if performed_at <= self.list_published_at:
            published = local_date(timezone.localtime(self.list_published_at), "DATETIME_FORMAT")
            return _(
                "The seed must be entered after the list was published (%(published)s): a seed known before the "
                "list could have been used to choose it."
            ) % {"published": published}
        return None

    def save(self, *args, **kwargs):
        if self.pk is not None:
            self.refuse_changing_the_record()
        super().save(*args, **kwargs)
        # The consultation's page is found by its draws' titles (ConsultationPage.search_fields): index it again now,
        # not at its next publication.
        index.insert_or_update_object(self.consultation)

    def refuse_changing_the_record(self):
        """Once published, the list (and once drawn, the seed and result) is the record: no save may change it."""
        stored = RandomDraw.objects.filter(pk=self.pk).values(*FROZEN_WITH_LIST, *FROZEN_WITH_DRAW).first()
        if stored is None:
            return
        frozen = list(FROZEN_WITH_LIST) if stored["list_published_at"] or stored["performed_at"] else []
        if stored["performed_at"]:
            frozen += FROZEN_WITH_DRAW
        changed = [name for name in frozen if getattr(self, name) != stored[name]]
        if changed:
            raise ValidationError(
                _(
                    "The list of a draw cannot change once its fingerprint is published, nor its seed and result once "
                    "drawn: publish a new draw instead."
                )
            )

    # What the page shows ----------------------------------------------------------------------------------

    @property
    def is_drawn(self):
        return self.performed_at is not None

    @property
    def is_replayable(self):
        """Published under commit then reveal: the list file is offered and anyone can replay the draw."""
        return self.protocol == self.COMMIT_REVEAL

    @property
    def entries_file(self):
        return draws.entries_file(self.population)

    @property
    def is_stratified(self):
        return bool(self.quotas)

    @property
    def quotas_file(self):
        return draws.quotas_file(self.quotas)

    def rerun(self):
        """The result the stored list and seed give today (equal to `result` when the record is intact)."""
        if self.is_stratified:
            return draws.draw_panel(self.population, self.quotas, self.seed)[1]
        return draws.draw(self.population, self.count, self.seed)

    @property
    def is_verified(self):
        recorded = draws.fingerprint if self.is_replayable else draws.former_fingerprint
        quotas_intact = not self.is_stratified or draws.quotas_fingerprint(self.quotas) == self.quotas_fingerprint
        list_intact = recorded(self.population) == self.population_fingerprint
        return list_intact and quotas_intact and self.rerun() == self.result

    @cached_property
    def strata(self):
        """Each stratum as the page shows it: its values by criterion, seats, people in the list, and once drawn the
        members (pseudonymous numbers) and the first reserves, in order."""
        if not self.is_stratified:
            return []
        if self.is_drawn:
            rows, _panel = draws.draw_panel(self.population, self.quotas, self.seed)
        else:
            rows, _panel = draws.draw_panel(self.population, self.quotas, "")
            for row in rows:
                row["drawn"], row["reserves"] = [], []
        for row in rows:
            row["values"] = row["stratum"].split(draws.SEPARATOR)
            row["filled"] = min(row["seats"], row["available"])
            row["short"] = row["seats"] - row["filled"]
            row["members"] = [draws.panel_number(entry) for entry in row["drawn"]]
            row["reserves_shown"] = [draws.panel_number(entry) for entry in row["reserves"][: self.RESERVES_SHOWN]]
            row["reserves_more"] = max(len(row["reserves"]) - self.RESERVES_SHOWN, 0)
        return rows

    @property
    def short_strata(self):
        return [row for row in self.strata if row["short"]]

    @property
    def seats(self):
        return sum(seats for _, seats in self.quotas)

    def ranked_population(self):
        return draws.ranked(self.population, self.seed)

    def numbered_population(self):
        return list(enumerate(self.population, start=1))


FROZEN_WITH_LIST = (
    "consultation_id",
    "protocol",
    "population",
    "population_size",
    "population_fingerprint",
    "list_published_at",
    "seed_source",
    "algorithm",
    "count",
    "criteria",
    "quotas",
    "quotas_fingerprint",
)
FROZEN_WITH_DRAW = ("seed", "result", "performed_at")


def check_count(entries, count):
    if not entries:
        raise ValidationError(_("The list to draw from is empty."))
    if count < 1 or count > len(entries):
        raise ValidationError(
            {"count": _("You can draw between 1 and %(size)s entries from this list.") % {"size": len(entries)}}
        )


def check_quotas(entries, quotas):
    """A stratified list: every entry carries a stratum, each stratum has one quota line and at least one seat."""
    strata = [stratum for stratum, _ in quotas]
    if len(set(strata)) != len(strata):
        raise ValidationError(_("Each stratum has one line of quotas only."))
    if any(seats < 0 for _, seats in quotas) or not any(seats for _, seats in quotas):
        raise ValidationError(_("Give at least one seat, and no stratum a negative number of seats."))
    without = [entry for entry in entries if not draws.stratum_of(entry)]
    if without:
        raise ValidationError(
            _("Line “%(entry)s” of the list has no stratum: write “number | value | value…”.") % {"entry": without[0]}
        )
