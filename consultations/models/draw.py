"""Random draws (tirage au sort): a record that lets anyone re-run the draw and get the same result."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ALGORITHM = "sha256-rank-v1"


def normalise_items(items):
    """The list drawn from: one entry per line, surrounding spaces removed, empty lines dropped, order kept."""
    return [" ".join(str(item).split()) for item in items if str(item).strip()]


def fingerprint(items):
    """SHA-256 of the entries joined by line feeds (UTF-8): anyone can recompute it from the published list."""
    return hashlib.sha256("\n".join(items).encode("utf-8")).hexdigest()


def rank_key(seed, item):
    return hashlib.sha256(f"{seed}\n{item}".encode()).hexdigest()


def draw(items, count, seed):
    """sha256-rank-v1: give each entry the SHA-256 of "<seed>, line feed, <entry>", sort by it, keep the first
    `count` entries. Plain, documented and reproducible with any SHA-256 tool."""
    ranked = sorted(enumerate(items), key=lambda pair: (rank_key(seed, pair[1]), pair[0]))
    return [item for _index, item in ranked[:count]]


class RandomDraw(models.Model):
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="random_draws",
    )
    title = models.CharField(
        _("what was drawn"),
        max_length=200,
        help_text=_("For example “The 8 proposals presented at the pitch event”."),
    )
    method = models.TextField(
        _("method"),
        help_text=_("Why a random draw, who attended it, how the list was made."),
    )
    population = models.JSONField(_("list drawn from"), default=list)
    population_size = models.PositiveIntegerField(_("size of the list"))
    population_fingerprint = models.CharField(_("fingerprint of the list (SHA-256)"), max_length=64)
    seed = models.CharField(
        _("seed"),
        max_length=100,
        help_text=_("Leave empty for a random seed, or give a public seed (numbers of a lottery draw…)."),
    )
    algorithm = models.CharField(_("algorithm"), max_length=40, default=ALGORITHM)
    count = models.PositiveIntegerField(_("number drawn"))
    result = models.JSONField(_("result"), default=list)
    performed_at = models.DateTimeField(_("performed at"), default=timezone.now)
    performed_by = models.CharField(_("performed by"), max_length=160, blank=True)

    class Meta:
        verbose_name = _("random draw")
        verbose_name_plural = _("random draws")
        ordering = ["-performed_at"]
        constraints = [
            models.CheckConstraint(condition=Q(count__lte=F("population_size")), name="draw_count_within_list"),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def perform(cls, consultation, title, method, items, count, seed="", performed_by=""):
        """Draw `count` entries from `items`, store and return the record (the seed is random when not given)."""
        entries = normalise_items(items)
        if not entries:
            raise ValidationError(_("The list to draw from is empty."))
        if count < 1 or count > len(entries):
            raise ValidationError(
                _("You can draw between 1 and %(size)s entries from this list.") % {"size": len(entries)}
            )
        seed = (seed or "").strip() or secrets.token_hex(16)
        return cls.objects.create(
            consultation=consultation,
            title=title,
            method=method,
            population=entries,
            population_size=len(entries),
            population_fingerprint=fingerprint(entries),
            seed=seed,
            algorithm=ALGORITHM,
            count=count,
            result=draw(entries, count, seed),
            performed_by=performed_by,
        )

    def rerun(self):
        """The result the stored list and seed give today (equal to `result` when the record is intact)."""
        return draw(self.population, self.count, self.seed)

    @property
    def is_verified(self):
        return fingerprint(self.population) == self.population_fingerprint and self.rerun() == self.result

    def ranked_population(self):
        """Every entry with its rank key, in draw order, for people who want to check by hand."""
        return sorted(
            ({"item": item, "key": rank_key(self.seed, item)} for item in self.population), key=lambda row: row["key"]
        )
