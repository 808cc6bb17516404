"""What the Decidim importer stores: a consultation's online figures, the proposals it imported as contributions (so
what an editor has since changed in a contribution is never overwritten), the results the authority is implementing,
and the export an editor uploaded, kept between the dry run and the import."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# An uploaded export waits this long for the import that follows its dry run.
KEPT_FOR = datetime.timedelta(hours=2)


class OnlineParticipation(models.Model):
    """A consultation's online figures, read from the Decidim open-data export (never typed)."""

    consultation = models.OneToOneField(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="online_participation",
    )
    process_slug = models.SlugField(_("Decidim process"), max_length=120)
    # Only 0.30 exports describe the process itself (participatory_processes); older ones leave these empty.
    process_title = models.CharField(
        _("process title on Decidim"),
        max_length=255,
        blank=True,
        help_text=_("Read from the participatory_processes file of Decidim 0.30 exports; empty before that version."),
    )
    process_title_language = models.CharField(
        _("language of the process title"),
        max_length=16,
        blank=True,
        help_text=_(
            "The language of the title: the consultation's, or another one when the title is not translated into it."
        ),
    )
    process_url = models.URLField(_("process address on Decidim"), max_length=500, blank=True)
    proposals = models.PositiveIntegerField(_("proposals"), default=0)
    supports = models.PositiveIntegerField(_("supports or votes"), default=0)
    comments = models.PositiveIntegerField(_("comments"), default=0)
    meetings = models.PositiveIntegerField(_("meetings"), default=0)
    meeting_attendees = models.PositiveIntegerField(_("meeting attendees"), default=0)
    meeting_contributions = models.PositiveIntegerField(_("meeting contributions"), default=0)
    source_name = models.CharField(_("imported file"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        app_label = "consultations"  # a room of the consultations app: same tables, no migration
        verbose_name = _("online participation (Decidim)")
        verbose_name_plural = _("online participation (Decidim)")

    def __str__(self):
        return f"{self.consultation} ({self.process_slug})"

    @property
    def contributions(self):
        return self.proposals + self.comments


class ImportedProposal(models.Model):
    consultation = models.ForeignKey(
        "consultations.ConsultationPage", on_delete=models.CASCADE, related_name="imported_proposals"
    )
    decidim_id = models.CharField(_("Decidim id"), max_length=40)
    reference = models.CharField(_("reference"), max_length=120, blank=True)
    title = models.TextField(_("title"))
    state = models.CharField(_("state"), max_length=60, blank=True)
    drafted_row = models.CharField(
        _("fingerprint of the drafted row"),
        max_length=64,
        blank=True,
        help_text=_("Fingerprint of the drafted report row: if the row differs, someone edited it."),
    )  # Of the report rows imports drafted before contributions were records: read by the lead's data migration.
    contribution = models.OneToOneField(
        "consultations.Contribution",
        verbose_name=_("contribution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decidim_proposal",
        help_text=_("The contribution record made from this proposal."),
    )
    # {field: fingerprint of the value the last import wrote}: a contribution's field that no longer matches was
    # changed by an editor, and a later import leaves it alone. Empty while the proposal made no contribution.
    imported = models.JSONField(_("fingerprints of the imported values"), default=dict, blank=True)

    class Meta:
        app_label = "consultations"  # a room of the consultations app: same tables, no migration
        verbose_name = _("imported proposal")
        verbose_name_plural = _("imported proposals")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "decidim_id"], name="unique_imported_proposal"),
        ]

    def __str__(self):
        return self.title[:60]

    @property
    def report_subject(self):
        """The subject of the report row drafted from this proposal: how a row is tied back to its proposal."""
        return f"Decidim {self.reference or self.decidim_id}"[:160]


class ImplementationResult(models.Model):
    """A result of the process's accountability component on Decidim: what the authority is carrying out, with its
    status and progress. Only top-level results are kept; a sub-result's proposals are counted in its parent's
    (see consultations.decidim.importer.save_results for why)."""

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="implementation_results",
    )
    decidim_id = models.CharField(_("Decidim id"), max_length=40)
    title = models.TextField(_("title"))
    title_language = models.CharField(
        _("language of the title"),
        max_length=16,
        blank=True,
        help_text=_(
            "The language of the title: the consultation's, or another one when the title is not translated into it."
        ),
    )
    status = models.CharField(
        _("status"), max_length=255, blank=True, help_text=_("The status as Decidim names it (“In progress”…).")
    )
    status_language = models.CharField(_("language of the status"), max_length=16, blank=True)
    progress = models.DecimalField(
        _("progress (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The progress as a percentage; empty when the platform does not show it."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    url = models.URLField(_("address on Decidim"), max_length=500, blank=True)
    sub_results = models.PositiveIntegerField(
        _("sub-results"),
        default=0,
        help_text=_("The number of steps (sub-results) detailed on Decidim and counted in this result."),
    )
    proposals = models.ManyToManyField(
        ImportedProposal, verbose_name=_("proposals included"), related_name="results", blank=True
    )
    sort_order = models.PositiveIntegerField(_("position in the export"), default=0)

    class Meta:
        app_label = "consultations"  # a room of the consultations app: same tables, no migration
        verbose_name = _("implementation result (Decidim)")
        verbose_name_plural = _("implementation results (Decidim)")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "decidim_id"], name="unique_implementation_result"),
            models.CheckConstraint(
                condition=models.Q(progress__isnull=True) | models.Q(progress__gte=0, progress__lte=100),
                name="implementation_progress_percentage",
            ),
        ]

    def __str__(self):
        return self.title[:60]


class KeptUpload(models.Model):
    """An export an editor uploaded, kept for the import that follows its dry run: stored in the database (every
    application server reads it, no path on disk to show), reachable by its owner's token only, and removed after
    KEPT_FOR."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "consultations"
        verbose_name = _("uploaded Decidim export")
        verbose_name_plural = _("uploaded Decidim exports")

    def __str__(self):
        return self.name

    @property
    def expires_at(self):
        return self.created_at + KEPT_FOR

    @classmethod
    def expired(cls):
        return cls.objects.filter(created_at__lt=timezone.now() - KEPT_FOR)


def _own_or_source(records, consultation):
    """The records of `consultation` itself, else those of the oldest page of its translation family: an export is
    imported once, usually into the French page, and its translations show the same figures."""
    own = [record for record in records if record.consultation_id == consultation.pk]
    if own or not records:
        return own
    source = min(record.consultation_id for record in records)
    return [record for record in records if record.consultation_id == source]


def participation_for(consultation):
    """The consultation's Decidim import (or its source page's), in one query; None when there is none."""
    records = list(OnlineParticipation.objects.filter(consultation__translation_key=consultation.translation_key))
    found = _own_or_source(records, consultation)
    return found[0] if found else None


def results_for(consultation):
    """The results imported for `consultation` (or its source page), in two queries: results and their proposals."""
    results = list(
        ImplementationResult.objects.filter(consultation__translation_key=consultation.translation_key)
        # The language the export was read in: proposal titles shown on a translation are in that language.
        .annotate(import_language=models.F("consultation__locale__language_code"))
        .prefetch_related(models.Prefetch("proposals", queryset=ImportedProposal.objects.order_by("pk")))
    )
    return _own_or_source(results, consultation)


def results_of_contributions(contribution_ids):
    """{contribution id: [the implementation results that include its proposal]} in one query: what a
    contribution's page shows of what is being done (extensions.CONTRIBUTION_RESULTS)."""
    found = {}
    results = (
        ImplementationResult.objects.filter(proposals__contribution_id__in=list(contribution_ids))
        .annotate(contribution_id=models.F("proposals__contribution_id"))
        .order_by("sort_order", "pk")
    )
    for result in results:
        found.setdefault(result.contribution_id, []).append(result)
    return found
