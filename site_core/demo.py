"""Demo content framework: each app registers a builder in its demo_content.py; `seed_demo` runs them in order.

Builders must be idempotent: they look things up by slug or natural key and update them, so running the
command twice gives the same tree. The helpers below create pages, translations, images and documents that
way, without any network access (images are drawn with Pillow, documents are written as small PDFs).

The texts live in data files, one per room, in the room's `demo/` folder (YAML: long French and English texts
read well as block scalars). `load_data` reads one with a safe loader; a key a builder needs and the file lacks
stops the command with a `DemoDataError` naming the file and the key (`seed_demo` runs in one transaction, so
nothing is written). Dates the statuses depend on are offsets in days from today in the data (`day`, `moment`).
"""

import base64
import datetime
import hashlib
import io
import math
import random
import zlib
from pathlib import Path

import yaml
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.template.loader import render_to_string
from django.utils import dateformat, timezone, translation
from django.utils.module_loading import autodiscover_modules
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from site_core.models import SiteSettings

_builders = []
# libyaml's safe loader when PyYAML was built with it: the same documents, read ten times faster (the demo's data files
# take a quarter of a second each with the pure-Python one).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def register(order):
    """Register `function(stdout)` as a demo builder; lower orders run first (site_core uses 0)."""

    def decorator(function):
        _builders.append((order, function.__module__, function))
        return function

    return decorator


def run_builders(stdout):
    autodiscover_modules("demo_content")
    for _order, _module, builder in sorted(_builders, key=lambda entry: (entry[0], entry[1])):
        builder(stdout)


class DemoDataError(Exception):
    """A demo data file that cannot be read, or lacks a key its builder needs."""


class Record(dict):
    """A mapping read from a demo data file that names the file and the place of a key it lacks."""

    def __init__(self, values, source, where):
        super().__init__(values)
        self.source, self.where = source, where

    def __missing__(self, key):
        raise DemoDataError(f"{self.source}: the required key {key!r} is missing from {self.where}.")


def _records(value, source, where):
    if isinstance(value, dict):
        children = {key: _records(item, source, f"{where}.{key}" if where else key) for key, item in value.items()}
        return Record(children, source, where or "the top of the file")
    if isinstance(value, list):
        items = []
        for position, item in enumerate(value):
            # A slug says which entry is meant better than a position does.
            label = f"{where}[{position}]" + (f" ({item['slug']})" if isinstance(item, dict) and "slug" in item else "")
            items.append(_records(item, source, label))
        return items
    return value


def data_file(module_file, name):
    """The data file `name` in the `demo/` folder next to the builder module `module_file`."""
    return Path(module_file).resolve().parent / "demo" / name


def load_data(path):
    """Read the demo data file at `path` (a mapping at its top) into `Record`s."""
    path = Path(path)
    try:
        source = str(path.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        source = str(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # noqa: S506 (a safe loader)
    except (OSError, yaml.YAMLError) as error:
        raise DemoDataError(f"{source}: cannot be read as YAML ({error}).") from error
    if not isinstance(data, dict):
        raise DemoDataError(f"{source}: the file must hold a mapping of names to values at its top.")
    return _records(data, source, "")


def day(offset):
    """The date `offset` days from today (negative: in the past)."""
    return timezone.localdate() + datetime.timedelta(days=offset)


def moment(offset, time="00:00"):
    """The aware datetime at `time` ("HH:MM", local time) on the day `offset` days from today."""
    hour, minute = (int(part) for part in time.split(":"))
    return timezone.make_aware(datetime.datetime.combine(day(offset), datetime.time(hour, minute)))


def set_publication_dates(page, first, last=None, time="10:00"):
    """Give `page` and its translations the publication record of the story (Wagtail's `first_published_at` and
    `last_published_at`, at `time` on the dates `first` and `last`, `first` when not given), not the seeding day:
    the pages show these dates. A date still ahead is left alone (a page is not published in the future)."""
    from wagtail.models import Page

    last = last or first
    if first > timezone.localdate() or last > timezone.localdate():
        return
    hour, minute = (int(part) for part in time.split(":"))
    first_at, last_at = (
        timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour, minute))) for date in (first, last)
    )
    Page.objects.filter(translation_key=page.translation_key).exclude(
        first_published_at=first_at, last_published_at=last_at
    ).update(first_published_at=first_at, last_published_at=last_at)


def stream_values(model, fields):
    """`fields` with each StreamField value written in the data as `{type, value}` mappings turned into the
    (name, value) pairs Wagtail takes (a list of such mappings is ambiguous to StreamField itself)."""
    values = {}
    for name, value in fields.items():
        if isinstance(model._meta.get_field(name), StreamField) and isinstance(value, list):
            value = [(block["type"], block["value"]) if isinstance(block, dict) else block for block in value]
        values[name] = value
    return values


# The languages a page in a data file may be translated into, as sub-mappings named by their code.
TRANSLATIONS = ("en", "nl")


def source_fields(spec):
    """The French page's fields in `spec`, a page written in a data file (its translations left out)."""
    return {name: value for name, value in spec.items() if name not in TRANSLATIONS}


def upsert_page_from_data(parent, model, spec, **extra):
    """Create or update the page `spec` of a data file under `parent`, then each translation it has (`en:`, `nl:`
    sub-mappings of translated fields). `extra` gives fields the builder makes itself (documents, images)."""
    fields = {name: value for name, value in source_fields(spec).items() if name != "slug"} | extra
    page = upsert_child_page(parent, model, spec["slug"], **fields)
    for code in TRANSLATIONS:
        if code in spec:
            upsert_translation(page, code, **spec[code])
    return page


def locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


def upsert_child_page(parent, model, slug, **fields):
    """Create or update the live child page `slug` of `parent`, publishing a revision only when it changed."""
    fields = stream_values(model, fields)
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page
    return update_page(page, fields)


def upsert_translation(source, language_code, **fields):
    """Create or update the translation of `source` in `language_code` with the given translated fields."""
    target_locale = locale(language_code)
    fields = stream_values(source.specific_class, fields)
    page = source.get_translation_or_none(target_locale)
    if page is None:
        page = source.copy_for_translation(target_locale, copy_parents=False)
        page = page.specific
        for name, value in fields.items():
            setattr(page, name, value)
        page.save()
        page.save_revision().publish()
        return page
    return update_page(page.specific, fields)


def update_page(page, fields):
    """Set `fields` on `page` and publish a new revision only when something changed."""
    changed = False
    for name, value in fields.items():
        field = page._meta.get_field(name)
        if isinstance(field, StreamField):
            # Compare stored data without block ids, which are new on every assignment.
            current = _without_ids(field.get_prep_value(getattr(page, name)))
            wanted = _without_ids(field.get_prep_value(field.to_python(value)))
        else:
            current, wanted = getattr(page, name), value
        if current != wanted:
            setattr(page, name, value)
            changed = True
    if changed or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
    return page


def _without_ids(data):
    if isinstance(data, list):
        return [_without_ids(item) for item in data]
    if isinstance(data, dict):
        return {key: _without_ids(value) for key, value in data.items() if key != "id"}
    return data


def demo_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name="Démo").first()
    return existing or root.add_child(name="Démo")


def demo_image(title, colours, seed, width=1200, height=800):
    """An abstract illustration (coloured shapes), stored once under `title`."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image:
        return image
    generator = random.Random(seed)
    picture = PILImage.new("RGB", (width, height), colours[0])
    draw = ImageDraw.Draw(picture)
    for _ in range(14):
        x, y = generator.randrange(width), generator.randrange(height)
        radius = generator.randrange(height // 10, height // 3)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=generator.choice(colours[1:]))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    slug = "".join(char if char.isalnum() else "-" for char in title.lower())[:50]
    image = Image(title=title, collection=demo_collection(), file=ImageFile(buffer, name=f"demo-{slug}.png"))
    image.save()
    return image


def demo_logo(title, colours, size=224):
    """The authority's emblem, stored once under `title`: a river's three meanders on a rounded square (`colours`:
    background, river, sun). Drawn four times larger and reduced, for smooth edges; `size` pixels square, twice the
    header's height, so that it stays sharp on high-density screens."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image:
        return image
    scale = 4
    side = size * scale
    picture = PILImage.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle((0, 0, side - 1, side - 1), radius=side // 5, fill=colours[0])
    draw.pieslice((side * 0.3, side * 0.2, side * 0.7, side * 0.6), 180, 360, fill=colours[2])  # rising over the river
    width = side // 16
    for row in range(3):
        base = side * (0.5 + 0.13 * row)
        points = [
            (x, base + side * 0.035 * math.sin(x / side * 3 * math.pi)) for x in range(side // 10, side * 9 // 10, 4)
        ]
        draw.line(points, fill=colours[1], width=width, joint="curve")
        for end in (points[0], points[-1]):
            draw.ellipse((end[0] - width / 2, end[1] - width / 2, end[0] + width / 2, end[1] + width / 2), colours[1])
    picture = picture.resize((size, size), PILImage.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    slug = "".join(char if char.isalnum() else "-" for char in title.lower())[:50]
    image = Image(title=title, collection=demo_collection(), file=ImageFile(buffer, name=f"demo-{slug}.png"))
    image.save()
    return image


def demo_document(title, lines):
    """A one-page PDF document with the given lines of text, stored once under `title`."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document:
        return document
    slug = "".join(char if char.isalnum() else "-" for char in title.lower())[:50]
    document = Document(title=title, collection=demo_collection())
    content = simple_pdf([title, "", *lines])
    document.file.save(f"{slug}.pdf", ContentFile(content), save=False)
    document.file_size = len(content)
    document.save()
    return document


def official_document(title, spec, *, designation, facts, signed_on, badge=None):
    """An official document of the demo's authority as a multi-page PDF (a title page, then the reasons and the
    numbered articles), printed by WeasyPrint from site_core/demo/official_document.html and stored under `title`.

    `spec` is the document's text in a data file (`department`, `register`, `place`, `signature`, `notice`; for an act
    `decider`, `visas`, `considerations`, `decision`, `articles`, optionally `report` and `vote`; for a report
    `sections`, each a `heading` with `paragraphs` and optionally `points`, a list); `facts` the title page's
    (label, value) rows; `badge` a mapping of `svg` (bytes), `alt` and `caption` for a labelled document. The file
    name carries the digest of the HTML: seeding again with the same text keeps the file, hence its fingerprint,
    without printing it again (a reprint would not give the same bytes: a PDF records when it was made)."""
    settings_ = SiteSettings.objects.select_related("logo").first()
    logo = None
    if settings_ and settings_.logo_id:
        with settings_.logo.open_file() as image:
            logo = "data:image/png;base64," + base64.b64encode(image.read()).decode("ascii")
    context = {
        "title": title,
        "authority": settings_.organisation_name if settings_ else "",
        "document": _plain(spec),
        "designation": designation,
        "facts": facts,
        "logo": logo,
        "badge": badge and {**badge, "image": "data:image/svg+xml;base64," + base64.b64encode(badge["svg"]).decode()},
    }
    with translation.override("fr"):
        context["signed_on"] = dateformat.format(signed_on, "j F Y")
        html = render_to_string("site_core/demo/official_document.html", context)
    slug = "".join(char if char.isalnum() else "-" for char in title.lower())[:50]
    name = f"{slug}-{hashlib.sha256(html.encode()).hexdigest()[:12]}"
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is not None and Path(document.file.name).name.startswith(name):
        return document
    from site_core.page_pdf import render_pdf  # here: WeasyPrint is loaded only when a document is printed

    content = render_pdf(
        html,
        base_url=str(Path(settings.BASE_DIR)) + "/",
        language="fr",
        title=title,
        footer=f"{context['authority']} – {designation}",
    )
    if document is None:
        document = Document(title=title, collection=demo_collection())
    else:
        document.file.delete(save=False)
    document.file.save(f"{name}.pdf", ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _plain(value):
    """`value` with its `Record`s made plain dicts: the template tests optional keys, which a Record refuses."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def simple_pdf(lines):
    """A minimal valid PDF 1.4 with one A4 page of Helvetica text (Windows-1252 characters)."""

    def escape(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text_ops = ["BT", "/F1 12 Tf", "56 780 Td", "16 TL"]
    for line in lines:
        text_ops.append(f"({escape(line)}) Tj T*")
    text_ops.append("ET")
    # Windows-1252 is the WinAnsiEncoding the font declares (Latin-1 plus the dashes, quotes and œ French needs).
    content = zlib.compress("\n".join(text_ops).encode("cp1252", "replace"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    output = io.BytesIO()
    output.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    output.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return output.getvalue()
