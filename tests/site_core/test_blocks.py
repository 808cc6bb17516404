"""Shared blocks refuse content that would be inaccessible, with a message that says how to fix it."""

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from site_core.blocks import CallToActionBlock, CaptionedTableBlock, FigureBlock, VideoBlock


def test_image_needs_alt_text_unless_decorative(db):
    from site_core.demo import demo_image

    image = demo_image("Test", ["#ffffff", "#000000"], seed=3, width=40, height=30)
    block = FigureBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"image": {"image": image.pk, "alt_text": "", "decorative": False}, "caption": ""}))
    block.clean(block.to_python({"image": {"image": image.pk, "alt_text": "", "decorative": True}, "caption": ""}))
    block.clean(block.to_python({"image": {"image": image.pk, "alt_text": "Une balade", "decorative": False}}))


def test_video_requires_a_transcript():
    block = VideoBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"video": None, "title": "Réunion", "transcript": ""}))
    assert "transcript" in error.value.block_errors


def test_table_requires_header_cells():
    block = CaptionedTableBlock()
    value = {"caption": "Participants", "table": {"data": [["a", "b"], ["1", "2"]], "first_row_is_table_header": False}}
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(value))
    assert "en-têtes" in str(error.value.block_errors["table"])


def test_call_to_action_needs_a_destination():
    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"title": "Participer", "text": "", "page": None, "url": "", "button_label": "Go"}))


def test_table_renders_caption_and_header_scopes():
    block = CaptionedTableBlock()
    html = block.render(
        block.to_python(
            {
                "caption": "Participants par canal",
                "table": {"data": [["Canal", "Nombre"], ["En ligne", "120"]], "first_row_is_table_header": True},
            }
        )
    )
    assert "<caption>Participants par canal</caption>" in html
    assert '<th scope="col">Canal</th>' in html
    assert "<td>120</td>" in html
