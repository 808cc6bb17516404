"""Uploads: only the allowed file types and sizes get in, SVG images are refused, documents are served through
Wagtail's view (which checks private collections), and private collections offer no shared password."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection, CollectionViewRestriction

from site_core.demo import simple_pdf


def png_bytes(width=20, height=10, mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height), "#1f4e8c" if mode == "RGB" else 1).save(buffer, format="PNG")
    return buffer.getvalue()


def image_form(name, content, content_type):
    form_class = get_image_form(get_image_model())
    data = {"title": "Essai", "collection": Collection.get_first_root_node().pk}
    return form_class(data=data, files={"file": SimpleUploadedFile(name, content, content_type)})


def document_form(name, content, content_type="application/octet-stream"):
    form_class = get_document_form(get_document_model())
    data = {"title": "Essai", "collection": Collection.get_first_root_node().pk}
    return form_class(data=data, files={"file": SimpleUploadedFile(name, content, content_type)})


@pytest.mark.django_db
def test_a_png_image_is_accepted():
    assert image_form("photo.png", png_bytes(), "image/png").is_valid()


@pytest.mark.django_db
def test_svg_images_are_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    form = image_form("logo.svg", svg, "image/svg+xml")
    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.django_db
def test_images_above_the_pixel_limit_are_refused(settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    form = image_form("grande.png", png_bytes(20, 10), "image/png")
    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.django_db
def test_a_pdf_document_is_accepted_and_served_through_wagtail():
    form = document_form("charte.pdf", simple_pdf(["Charte"]), "application/pdf")
    assert form.is_valid(), form.errors
    document = form.save()
    assert document.url.startswith("/documents/")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["page.html", "script.js", "programme.exe", "image.svg"])
def test_documents_outside_the_allow_list_are_refused(name):
    form = document_form(name, b"<script>alert(1)</script>")
    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.django_db
def test_documents_above_the_size_limit_are_refused(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    form = document_form("lourd.pdf", simple_pdf(["x" * 80] * 40) + b" " * 2048, "application/pdf")
    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.django_db
def test_a_36_megapixel_image_gets_in_and_a_50_megapixel_one_does_not():
    """The limit an editor meets with the site's own settings: a camera's largest photos, not a decompression bomb.
    Two-tone PNGs stay a few kilobytes, so the pixel count is what is judged, not the file size."""
    assert image_form("photo.png", png_bytes(6000, 6000, mode="1"), "image/png").is_valid()
    form = image_form("bombe.png", png_bytes(7100, 7100, mode="1"), "image/png")
    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.django_db
def test_a_document_over_25_megabytes_is_refused():
    pdf = simple_pdf(["Annexe"])
    form = document_form("annexe.pdf", pdf + b" " * (25 * 1024 * 1024 + 1 - len(pdf)), "application/pdf")
    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.django_db
def test_a_document_in_a_private_collection_is_served_to_staff_only(client, admin_client):
    """Documents go through Wagtail's view, which checks the collection's restriction (a file link would not)."""
    collection = Collection.get_first_root_node().add_child(name="Interne")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    form = document_form("note.pdf", simple_pdf(["Note interne"]), "application/pdf")
    assert form.is_valid(), form.errors
    document = form.save(commit=False)
    document.collection = collection
    document.save()
    refused = client.get(document.url)
    assert refused.status_code == 302 and refused["Location"].endswith(f"?next={document.url}")  # to sign in
    assert admin_client.get(document.url).status_code == 200


def test_private_pages_and_collections_offer_no_shared_password(admin_client, home_page):
    assert admin_client.get(f"/admin/pages/{home_page.pk}/privacy/").status_code == 200
    page_form = admin_client.get(f"/admin/pages/{home_page.pk}/privacy/").json()["html"]
    assert 'value="password"' not in page_form
    collection = Collection.get_first_root_node().add_child(name="Interne")
    collection_form = admin_client.get(f"/admin/collections/{collection.pk}/privacy/").json()["html"]
    assert 'value="password"' not in collection_form
    assert 'value="login"' in collection_form
