"""The file a visitor checks against a label: hashed while it arrives, never written anywhere.

Django's own handlers keep an upload in memory or in a temporary file, and the CSRF middleware parses the request
before any view could swap them; so this handler sits first in FILE_UPLOAD_HANDLERS (settings) and takes only the
one field named FIELD_NAME, whatever the address. Every other file goes on to Django's handlers untouched."""

import hashlib
import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers

FIELD_NAME = "label_document"


def size_limit():
    """The largest file checked: the largest document an editor may upload (the labelled one is one of those)."""
    return settings.WAGTAILDOCS_MAX_UPLOAD_SIZE


class FingerprintedUpload(UploadedFile):
    """What is left of the checked file: its name, size and SHA-256 (None when over the size limit), no content."""

    def __init__(self, name, content_type, size, sha256):
        super().__init__(file=io.BytesIO(b""), name=name, content_type=content_type, size=size)
        self.sha256 = sha256

    @property
    def too_big(self):
        return self.sha256 is None


class FingerprintUploadHandler(FileUploadHandler):
    active = False

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.active = field_name == FIELD_NAME
        if self.active:
            self.digest, self.received, self.limit = hashlib.sha256(), 0, size_limit()
            raise StopFutureHandlers  # Django's handlers never see this file, so never store it

    def receive_data_chunk(self, raw_data, start):
        if not self.active:
            return raw_data
        self.received += len(raw_data)
        if self.received <= self.limit:
            self.digest.update(raw_data)
        # Over the limit the rest is only counted (nginx bounds the request body, docs/deployment.md).
        return None

    def file_complete(self, file_size):
        if not self.active:
            return None
        self.active = False
        sha256 = self.digest.hexdigest() if self.received <= self.limit else None
        return FingerprintedUpload(self.file_name, self.content_type, self.received, sha256)
