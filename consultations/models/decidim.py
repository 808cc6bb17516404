"""What the Decidim importer stores: a consultation's online figures, and the proposals it drafted report rows from
(so a row an editor has since edited is never overwritten)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OnlineParticipation(models.Model):
    """A consultation's online figures, read from the Decidim open-data export (never typed)."""

    consultation = models.OneToOneField(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="online_participation",
    )
    process_slug = models.SlugField(_("Decidim process"), max_length=120)
    proposals = models.PositiveIntegerField(_("proposals"), default=0)
    supports = models.PositiveIntegerField(_("supports or votes"), default=0)
    comments = models.PositiveIntegerField(_("comments"), default=0)
    meetings = models.PositiveIntegerField(_("meetings"), default=0)
    meeting_attendees = models.PositiveIntegerField(_("meeting attendees"), default=0)
    meeting_contributions = models.PositiveIntegerField(_("meeting contributions"), default=0)
    source_name = models.CharField(_("imported file"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
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
        help_text=_("Empreinte de la ligne de bilan rédigée : si la ligne diffère, une personne l'a modifiée."),
    )

    class Meta:
        verbose_name = _("imported proposal")
        verbose_name_plural = _("imported proposals")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "decidim_id"], name="unique_imported_proposal"),
        ]

    def __str__(self):
        return self.title[:60]
