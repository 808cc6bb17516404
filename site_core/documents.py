"""Every document carries its file's hash, however it was made.

Wagtail's document view sends the hash as the ETag (conditional requests, caches) and the admin's upload form
fills it in; a document made by code (an import, the demo) skips that form, and was served with `ETag: ""`, which
every client and cache shares for every such file. Filled in before each save instead, from the file itself.
"""

from django.db.models.signals import pre_save
from wagtail.documents import get_document_model


def fill_file_hash(sender, instance, **kwargs):
    if instance.file and not instance.file_hash:
        instance._set_document_file_metadata()


def connect_signals():
    pre_save.connect(fill_file_hash, sender=get_document_model(), dispatch_uid="site_core_document_file_hash")
