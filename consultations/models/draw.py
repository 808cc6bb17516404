"""Random draws (tirage au sort), commit then reveal: the list and its fingerprint are published first, with their
date; the seed, a public value fixed later and outside the authority's control, is entered at the draw. Anyone can
then replay the draw from the published file and the seed (consultations/draws.py, docs/draw-replay.md)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from consultations import draws


class RandomDraw(models.Model):
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
    count = models.PositiveIntegerField(_("number drawn"))
    result = models.JSONField(_("result"), default=list, blank=True)
    performed_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    performed_by = models.CharField(_("performed by"), max_length=160, blank=True)

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

    # The two steps ----------------------------------------------------------------------------------------

    @classmethod
    def publish_list(cls, consultation, title, method, items, count, seed_source, published_at=None):
        """Step 1, the commitment: store and publish the list, its fingerprint and where the seed will come from."""
        entries = draws.normalise_items(items)
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
            algorithm=draws.ALGORITHM,
            count=count,
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
        self.result = draws.draw(self.population, self.count, self.seed)
        self.save()
        return self

    def seed_error(self, seed, performed_at):
        """Why `seed` cannot draw at `performed_at` (a sentence that says what to do), or None."""
        if self.is_drawn or not self.is_replayable:
            return _("This draw has already been made: its seed and result cannot change.")
        if not draws.normalise_seed(seed):
            return _("Type the seed read at the draw, exactly as announced.")
        if performed_at <= self.list_published_at:
            published = formats.date_format(timezone.localtime(self.list_published_at), "DATETIME_FORMAT")
            return _(
                "The seed must be entered after the list was published (%(published)s): a seed known before the "
                "list could have been used to choose it."
            ) % {"published": published}
        return None

    def save(self, *args, **kwargs):
        if self.pk is not None:
            self.refuse_changing_the_record()
        super().save(*args, **kwargs)

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

    def rerun(self):
        """The result the stored list and seed give today (equal to `result` when the record is intact)."""
        return draws.draw(self.population, self.count, self.seed)

    @property
    def is_verified(self):
        recorded = draws.fingerprint if self.is_replayable else draws.former_fingerprint
        return recorded(self.population) == self.population_fingerprint and self.rerun() == self.result

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
)
FROZEN_WITH_DRAW = ("seed", "result", "performed_at")


def check_count(entries, count):
    if not entries:
        raise ValidationError(_("The list to draw from is empty."))
    if count < 1 or count > len(entries):
        raise ValidationError(
            {"count": _("You can draw between 1 and %(size)s entries from this list.") % {"size": len(entries)}}
        )
