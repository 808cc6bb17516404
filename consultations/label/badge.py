"""The label's badge: an SVG and a 300 dpi PNG with the label name, the level, the year, a QR code that leads to
the verification page and, under it, the verification code to type where the QR code cannot be scanned. Black on
white only (legible in greyscale print); the same award gives the same bytes."""

import io

import segno
from django.utils.html import escape
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from consultations.label.codes import grouped_code

QR_ERROR = "m"
WIDTH, HEIGHT = 200, 276  # SVG user units (about 53 x 73 mm at 96 px/inch)
QR_SIZE = 150
CODE_Y = 262  # the code's baseline, under the QR code's quiet zone


def qr_code(url):
    return segno.make(url, error=QR_ERROR, micro=False, boost_error=False)


def badge_texts(award, level_name):
    return {
        "name": _("Citizen label"),
        "level": level_name,
        "year": str(award.year),
        "withdrawn": _("WITHDRAWN") if award.is_withdrawn else "",
        "code": grouped_code(award.code),
    }


def badge_alt(award, level_name, url):
    if award.is_withdrawn:
        return _("Citizen label, level “%(level)s”, %(year)s, WITHDRAWN: see why at %(url)s") % {
            "level": level_name,
            "year": award.year,
            "url": url,
        }
    return _("Citizen label, level “%(level)s”, %(year)s: check it at %(url)s") % {
        "level": level_name,
        "year": award.year,
        "url": url,
    }


def _qr_path(qr, scale, x0, y0):
    parts = []
    for row_number, row in enumerate(qr.matrix):
        for column, dark in enumerate(row):
            if dark:
                parts.append(f"M{x0 + column * scale:g} {y0 + row_number * scale:g}h{scale:g}v{scale:g}h-{scale:g}z")
    return "".join(parts)


def badge_svg(award, level_name, url):
    """The badge as SVG bytes."""
    texts = badge_texts(award, level_name)
    qr = qr_code(url)
    modules = len(qr.matrix)
    quiet = 4
    scale = QR_SIZE / (modules + 2 * quiet)
    qr_x = (WIDTH - QR_SIZE) / 2
    qr_y = 90
    description = badge_alt(award, level_name, url)
    year_line = texts["year"] + (f" – {texts['withdrawn']}" if texts["withdrawn"] else "")
    svg = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="badge-title badge-desc">'
        f'<title id="badge-title">{escape(texts["name"])} – {escape(level_name)} – {texts["year"]}</title>'
        f'<desc id="badge-desc">{escape(description)}</desc>'
        f'<rect x="1.5" y="1.5" width="{WIDTH - 3}" height="{HEIGHT - 3}" rx="8" fill="#ffffff" stroke="#000000" '
        'stroke-width="3"/>'
        '<g font-family="Marianne, Arial, Helvetica, sans-serif" fill="#000000" text-anchor="middle">'
        f'<text x="{WIDTH / 2:g}" y="34" font-size="20" font-weight="bold">{escape(texts["name"])}</text>'
        f'<text x="{WIDTH / 2:g}" y="60" font-size="16">{escape(level_name)}</text>'
        f'<text x="{WIDTH / 2:g}" y="82" font-size="14" font-weight="bold">{escape(year_line)}</text>'
        f'<text x="{WIDTH / 2:g}" y="{CODE_Y}" font-size="14" font-weight="bold" '
        f'font-family="DejaVu Sans Mono, Consolas, Menlo, monospace">{texts["code"]}</text>'
        "</g>"
        f'<rect x="{qr_x:g}" y="{qr_y}" width="{QR_SIZE}" height="{QR_SIZE}" fill="#ffffff"/>'
        f'<path fill="#000000" d="{_qr_path(qr, scale, qr_x + quiet * scale, qr_y + quiet * scale)}"/>'
        "</svg>\n"
    )
    return svg.encode("utf-8")


DPI = 300
PNG_WIDTH = 600  # 2 inches at 300 dpi


def _font(size, name="DejaVuSans-Bold.ttf"):
    try:
        return ImageFont.truetype(name, size)
    except OSError:
        return ImageFont.load_default(size=size)


def badge_png(award, level_name, url):
    """The badge as a 300 dpi PNG (2 x 2.6 inches), for office tools. No metadata, no timestamp."""
    texts = badge_texts(award, level_name)
    height = int(PNG_WIDTH * HEIGHT / WIDTH)
    image = Image.new("L", (PNG_WIDTH, height), 255)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((4, 4, PNG_WIDTH - 5, height - 5), radius=24, outline=0, width=9)
    centre = PNG_WIDTH // 2
    draw.text((centre, 100), texts["name"], fill=0, font=_font(52), anchor="ms")
    draw.text((centre, 178), level_name, fill=0, font=_font(42), anchor="ms")
    year_line = texts["year"] + (f" – {texts['withdrawn']}" if texts["withdrawn"] else "")
    draw.text((centre, 244), year_line, fill=0, font=_font(38), anchor="ms")
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="png", scale=10, border=4)
    qr_image = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    qr_image = qr_image.resize((450, 450), Image.Resampling.NEAREST)
    image.paste(qr_image, ((PNG_WIDTH - 450) // 2, 270))
    # A fixed-width face, so that 0 and O, 1 and I never look alike (the alphabet has no O nor I anyway).
    code_y = round(CODE_Y * PNG_WIDTH / WIDTH)
    draw.text((centre, code_y), texts["code"], fill=0, font=_font(40, "DejaVuSansMono-Bold.ttf"), anchor="ms")
    output = io.BytesIO()
    image.save(output, format="PNG", dpi=(DPI, DPI), optimize=False, compress_level=9)
    return output.getvalue()
