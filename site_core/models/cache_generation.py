"""The counter that names the current generation of cached pages (see site_core/cache.py)."""

from django.db import models


class CacheGeneration(models.Model):
    value = models.BigIntegerField(default=1)

    class Meta:
        verbose_name = "cache generation"

    def __str__(self):
        return str(self.value)
