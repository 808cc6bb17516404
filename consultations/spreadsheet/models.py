"""A file checked by a dry run, kept until the editor confirms the import (or it expires)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(32)


class SpreadsheetUpload(models.Model):
    """The bytes of an uploaded spreadsheet, in the database rather than on disk: the confirmation may reach another
    worker or machine, and the form carries only a random token, never a server path. The token is good for the
    user who uploaded the file and the consultation it was checked against, until it expires."""

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    consultation = models.ForeignKey("consultations.ConsultationPage", on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "consultations"  # part of the consultations core: its tables and migrations
        verbose_name = _("spreadsheet being imported")
        verbose_name_plural = _("spreadsheets being imported")

    def __str__(self):
        return self.file_name

    @classmethod
    def expiry(cls):
        return timezone.now() - timedelta(seconds=settings.PACTE_SPREADSHEET_UPLOAD_SECONDS)

    @classmethod
    def forget_expired(cls):
        cls.objects.filter(created_at__lt=cls.expiry()).delete()

    @classmethod
    def waiting(cls, token, user, consultation):
        """The upload `token` names for this user and consultation, if it has not expired, else None."""
        return cls.objects.filter(
            token=token, user=user, consultation=consultation, created_at__gte=cls.expiry()
        ).first()
