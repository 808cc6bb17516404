"""Demo content for the charter: the complete charter of the fictional "Métropole du Val de Marque", its glossary and
pictograms, in French, translated into English and Dutch through wagtail-localize (as editors would). The texts are
in demo/charter.yaml, each French text (`fr`) with its translations (`en`, `nl`)."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource
from wagtail_localize.strings import StringValue

from charter_pages.models import (
    CharterChapter,
    CharterEdition,
    CharterPage,
    Commitment,
    GlossaryTerm,
    ReciprocalCommitment,
)
from site_core import demo
from site_core.models import HomePage

INK = "#1f4e8c"
PAPER = "#ffffff"
DATA = demo.data_file(__file__, "charter.yaml")
DELIBERATION_DATA = demo.data_file(__file__, "deliberation.yaml")
# The languages the charter is translated into, in the order the builder translates it.
TRANSLATIONS = ("en", "nl")
# The page's fields written with their translations in the data (the others are the same in every language).
PAGE_TEXTS = ("title", "listing_summary", "lead", "adoption_body", "easy_read_intro")
COMMITMENT_TEXTS = ("title", "promise", "citizen_meaning", "evidence", "official_reference", "easy_read_text")


@demo.register(order=10)
def build_charter(stdout):
    data = demo.load_data(DATA)
    fr = demo.locale("fr")
    home = HomePage.objects.get(locale=fr, depth=2)
    build_glossary(fr, data["glossary"])
    pictograms = {kind: pictogram_image(kind) for kind in data["pictograms"]}
    spec = data["page"]
    # The deliberation that voted the charter, as the council printed it (demo/deliberation.yaml).
    act = demo.load_data(DELIBERATION_DATA)
    official = demo.official_document(
        spec["official_document"]["title"],
        act["document"],
        designation=act["designation"],
        facts=[tuple(row) for row in act["facts"]],
        signed_on=spec["adoption_date"],
    )
    documents = [
        demo.demo_document(edition["document"]["title"], edition["document"]["lines"]) for edition in data["editions"]
    ]
    falc_logo = pictogram_image("falc")

    fields = {
        **{name: spec[name]["fr"] for name in PAGE_TEXTS},
        "preamble": "".join(f"<p>{paragraph['fr']}</p>" for paragraph in data["preamble"]),
        "adoption_date": spec["adoption_date"],
        "deliberation_reference": spec["deliberation_reference"],
        "official_document": official,
        # The demo's easy-to-read texts were not checked with readers: the FALC logo must therefore not show.
        "easy_read_checked": False,
        "falc_logo": falc_logo,
        "show_in_menus": True,
    }
    slug = spec["slug"]["fr"]
    page = CharterPage.objects.child_of(home).filter(slug=slug).first()
    if page is None:
        page = CharterPage(slug=slug, **fields)
        apply_records(page, data, pictograms, documents)
        home.add_child(instance=page)
        page.save_revision().publish()
        changed = True
    else:
        page = page.specific
        wanted = wanted_snapshot(data, fields, pictograms, documents)
        changed = snapshot(page) != wanted or page.has_unpublished_changes
        if changed:
            for name, value in fields.items():
                setattr(page, name, value)
            apply_records(page, data, pictograms, documents)
            page.save_revision().publish()
    for code in TRANSLATIONS:
        translate(page, demo.locale(code), translated_texts(data, code), force=changed)
    count = Commitment.objects.filter(chapter__page=page).count()
    stdout.write(f"Charter: {count} commitments in French, English and Dutch, {len(data['glossary'])} glossary terms.")


def apply_records(page, data, pictograms, documents):
    """Put the demo's chapters, commitments, reciprocal commitments and editions on `page`, reusing the stored
    records (matched by position, commitments by number) so their primary keys never change."""
    stored_chapters = list(page.chapters.order_by("sort_order")) if page.pk else []
    chapters = []
    for index, chapter_data in enumerate(data["chapters"]):
        chapter = stored_chapters[index] if index < len(stored_chapters) else CharterChapter()
        chapter.sort_order = index
        chapter.title, chapter.introduction = chapter_data["title"]["fr"], chapter_data["introduction"]["fr"]
        stored = {commitment.number: commitment for commitment in chapter.commitments.all()} if chapter.pk else {}
        commitments = []
        for position, item in enumerate(chapter_data["commitments"]):
            commitment = stored.get(item["number"]) or Commitment(number=item["number"])
            commitment.sort_order = position
            for name in COMMITMENT_TEXTS:
                setattr(commitment, name, item[name]["fr"])
            kind = item.get("pictogram")
            commitment.pictogram = pictograms[kind] if kind else None
            commitment.pictogram_alt = data["pictograms"][kind]["fr"] if kind else ""
            commitment.measure_rule, commitment.measure_threshold = measure_of(item)
            commitments.append(commitment)
        chapter.commitments = commitments
        chapters.append(chapter)
    page.chapters = chapters

    stored_reciprocal = list(page.reciprocal_commitments.order_by("sort_order")) if page.pk else []
    reciprocal = []
    for index, item in enumerate(data["reciprocal_commitments"]):
        record = stored_reciprocal[index] if index < len(stored_reciprocal) else ReciprocalCommitment()
        record.sort_order = index
        record.title, record.description = item["title"]["fr"], item["description"]["fr"]
        record.easy_read_text = item["easy_read_text"]["fr"]
        reciprocal.append(record)
    page.reciprocal_commitments = reciprocal

    stored_editions = list(page.editions.order_by("sort_order")) if page.pk else []
    editions = []
    for index, item in enumerate(data["editions"]):
        edition = stored_editions[index] if index < len(stored_editions) else CharterEdition()
        edition.sort_order = index
        edition.name, edition.date, edition.document = item["name"]["fr"], item["date"], documents[index]
        edition.summary = edition_summary_html(item, "fr")
        editions.append(edition)
    page.editions = editions


def measure_of(item):
    """(rule, threshold) of a commitment's data: its `measure`, or none (not measured automatically)."""
    measure = item.get("measure")
    return (measure["rule"], measure["threshold"]) if measure else ("", None)


def edition_summary_html(item, language):
    paragraphs = [paragraph[language] for paragraph in item["summary"]]
    if len(paragraphs) == 1:
        return f"<p>{paragraphs[0]}</p>"
    return "<ul>" + "".join(f"<li>{text}</li>" for text in paragraphs) + "</ul>"


def snapshot(page):
    """What the stored page holds, in the shape of `wanted_snapshot`."""
    return {
        "fields": {
            name: getattr(page, name)
            for name in (*PAGE_TEXTS, "preamble", "adoption_date", "deliberation_reference", "easy_read_checked")
        }
        | {"official_document": page.official_document_id, "falc_logo": page.falc_logo_id, "menu": page.show_in_menus},
        "chapters": [
            (
                chapter.title,
                chapter.introduction,
                [
                    (c.number, c.title, c.promise, c.citizen_meaning, c.evidence, c.official_reference)
                    + (c.easy_read_text, c.pictogram_id, c.pictogram_alt, c.measure_rule, c.measure_threshold)
                    for c in chapter.commitments.order_by("sort_order")
                ],
            )
            for chapter in page.chapters.order_by("sort_order")
        ],
        "reciprocal": [
            (r.title, r.description, r.easy_read_text) for r in page.reciprocal_commitments.order_by("sort_order")
        ],
        "editions": [(e.name, e.date, e.summary, e.document_id) for e in page.editions.order_by("sort_order")],
    }


def wanted_snapshot(data, fields, pictograms, documents):
    scalar = {name: fields[name] for name in (*PAGE_TEXTS, "preamble", "adoption_date", "deliberation_reference")}
    scalar["easy_read_checked"] = fields["easy_read_checked"]
    return {
        "fields": scalar
        | {
            "official_document": fields["official_document"].pk,
            "falc_logo": fields["falc_logo"].pk,
            "menu": fields["show_in_menus"],
        },
        "chapters": [
            (
                chapter["title"]["fr"],
                chapter["introduction"]["fr"],
                [
                    (item["number"], *(item[name]["fr"] for name in COMMITMENT_TEXTS))
                    + (
                        pictograms[item["pictogram"]].pk if item.get("pictogram") else None,
                        data["pictograms"][item["pictogram"]]["fr"] if item.get("pictogram") else "",
                        *measure_of(item),
                    )
                    for item in chapter["commitments"]
                ],
            )
            for chapter in data["chapters"]
        ],
        "reciprocal": [
            (item["title"]["fr"], item["description"]["fr"], item["easy_read_text"]["fr"])
            for item in data["reciprocal_commitments"]
        ],
        "editions": [
            (item["name"]["fr"], item["date"], edition_summary_html(item, "fr"), documents[index].pk)
            for index, item in enumerate(data["editions"])
        ],
    }


def translated_texts(data, code):
    """French text -> its translation in the language `code`, for every translatable string of the demo
    charter."""
    spec = data["page"]
    pairs = [spec[name] for name in (*PAGE_TEXTS, "slug")] + list(data["preamble"])
    for chapter in data["chapters"]:
        pairs += [chapter["title"], chapter["introduction"]]
        for item in chapter["commitments"]:
            pairs += [item[name] for name in COMMITMENT_TEXTS]
            if item.get("pictogram"):
                pairs.append(data["pictograms"][item["pictogram"]])
    for item in data["reciprocal_commitments"]:
        pairs += [item["title"], item["description"], item["easy_read_text"]]
    for item in data["editions"]:
        pairs += [item["name"], *item["summary"]]
    return {pair["fr"]: pair[code] for pair in pairs}


def translate(page, target, texts, force):
    """Translate the charter into the locale `target` the way an editor does with wagtail-localize: the French
    page is the source, each of its strings (`texts`: French -> translation) gets its translation, then the
    translated page is created or synchronised."""
    source, _created = TranslationSource.update_or_create_from_instance(page)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = texts.get(segment.string.as_value().render_text())
        if text is None:
            continue  # numbers and references stay as they are (fallback to the source text)
        wanted = StringValue.from_plaintext(text).data
        translation, created = StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=target,
            context=segment.context,
            defaults={"data": wanted, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
        if not created and translation.data != wanted:
            translation.data = wanted
            translation.save(update_fields=["data"])
            force = True
        force = force or created
    translated = page.get_translation_or_none(target)
    if translated is not None and translated.live and not force:
        return translated
    source.create_or_update_translation(target, publish=False, fallback=True, copy_parent_pages=False)
    translated = Page.objects.get(translation_key=page.translation_key, locale=target).specific
    translated.get_latest_revision().publish()
    return translated


def build_glossary(fr, glossary):
    """The glossary's French terms and their translations (records sharing the French term's translation key)."""
    for entry in glossary:
        french, _ = GlossaryTerm.objects.update_or_create(
            term=entry["fr"]["term"], locale=fr, defaults={"definition": entry["fr"]["definition"]}
        )
        for code in TRANSLATIONS:
            target, term, definition = demo.locale(code), entry[code]["term"], entry[code]["definition"]
            translated = GlossaryTerm.objects.filter(translation_key=french.translation_key, locale=target).first()
            if translated is None:
                GlossaryTerm.objects.filter(term=term, locale=target).delete()
                translated = GlossaryTerm(translation_key=french.translation_key, locale=target)
            if (translated.term, translated.definition) != (term, definition):
                translated.term, translated.definition = term, definition
                translated.save()


def pictogram_image(kind):
    """A simple pictogram drawn for the demo (navy on white), stored once."""
    Image = get_image_model()
    title = f"Pictogramme de démonstration - {kind}"
    image = Image.objects.filter(title=title).first()
    if image:
        return image
    size = 240
    picture = PILImage.new("RGB", (size, size), PAPER)
    draw = ImageDraw.Draw(picture)
    line = {"width": 12, "fill": INK}
    if kind == "calendar":
        draw.rounded_rectangle((30, 50, 210, 210), radius=16, outline=INK, width=12)
        draw.rectangle((30, 50, 210, 95), fill=INK)
        for x in (75, 165):
            draw.line((x, 25, x, 70), **line)
        for row in range(2):
            for column in range(3):
                x, y = 60 + column * 45, 120 + row * 45
                draw.rectangle((x, y, x + 28, y + 28), fill=INK)
    elif kind == "document":
        draw.polygon([(55, 20), (155, 20), (195, 60), (195, 220), (55, 220)], outline=INK, width=12)
        for y in (80, 115, 150, 185):
            draw.line((85, y, 165, y), **line)
    elif kind == "people":
        for x, scale in ((60, 0.8), (120, 1.0), (180, 0.8)):
            radius = int(24 * scale)
            draw.ellipse((x - radius, 90 - radius * 2, x + radius, 90), fill=INK)
            draw.pieslice((x - 42 * scale, 100, x + 42 * scale, 100 + 150 * scale), 180, 360, fill=INK)
    elif kind == "speech":
        draw.rounded_rectangle((25, 35, 215, 165), radius=40, outline=INK, width=12)
        draw.polygon([(70, 160), (110, 160), (60, 215)], fill=INK)
        for x in (80, 120, 160):
            draw.ellipse((x - 12, 88, x + 12, 112), fill=INK)
    elif kind == "check":
        draw.ellipse((25, 25, 215, 215), outline=INK, width=12)
        draw.line((70, 125, 105, 160, 170, 85), width=18, fill=INK, joint="curve")
    elif kind == "chart":
        draw.line((30, 210, 215, 210), **line)
        for index, height in enumerate((60, 110, 90, 150)):
            x = 45 + index * 43
            draw.rectangle((x, 205 - height, x + 30, 205), fill=INK)
    else:  # "falc": a placeholder standing for the easy-to-read logo an authority would upload
        draw.rounded_rectangle((20, 20, 220, 220), radius=24, outline=INK, width=10)
        draw.ellipse((90, 45, 150, 105), fill=INK)
        draw.rectangle((70, 120, 170, 195), fill=INK)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    image = Image(
        title=title, collection=demo.demo_collection(), file=ImageFile(buffer, name=f"pictogramme-{kind}.png")
    )
    image.save()
    return image
