"""A document made by code (an import, the demo) is served with its own ETag, as one uploaded in the admin is: it
was served with `ETag: ""`, one value that every such file shared in every cache (issue 18)."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from site_core.demo import simple_pdf


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def made_by_code(title, content):
    document = get_document_model()(title=title)
    document.file.save(f"{title}.pdf", ContentFile(content), save=False)
    document.save()
    return document


def test_a_document_made_by_code_is_served_with_its_own_etag(client, home_page, media):
    first = made_by_code("deliberation", simple_pdf(["Délibération"]))
    second = made_by_code("arrete", simple_pdf(["Arrêté"]))
    served = [client.get(document.url) for document in (first, second)]
    tags = [response["ETag"] for response in served]
    assert all(response.status_code == 200 for response in served)
    assert tags[0] != tags[1] and '""' not in tags
    assert tags[0].strip('"') == hashlib.sha1(first.file.open("rb").read()).hexdigest()  # noqa: S324 - Wagtail's
    # A client that holds the file is told so, without the file.
    again = client.get(first.url, HTTP_IF_NONE_MATCH=tags[0])
    assert again.status_code == 304 and not again.content


def test_replacing_a_documents_file_gives_it_the_new_files_hash(home_page, media):
    document = made_by_code("rapport", simple_pdf(["Version 1"]))
    before = document.file_hash
    document.file.save("rapport-v2.pdf", ContentFile(simple_pdf(["Version 2"])), save=False)
    document.file_hash = ""  # code that replaces a file clears its hash: the next save fills it from the new file
    document.save()
    assert document.file_hash and document.file_hash != before
