"""The shared StreamField blocks every page body is made of; domain apps add their own in their blocks.py."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock, EmbedValue
from wagtail.embeds.finders import get_finders
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Sub-section heading (h3)"))],
        default="h2",
        help_text=_("Utilisez h2 pour une section, h3 pour une sous-partie : ne sautez pas de niveau."),
    )

    class Meta:
        icon = "title"
        template = "site_core/blocks/heading.html"
        label = _("Heading")
        description = _("A section title that also appears in the page outline for screen-reader users.")
        preview_value = {"text": "Pourquoi une charte ?", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        template = "site_core/blocks/paragraph.html"
        label = _("Paragraph")
        description = _("Text with links and lists. Keep sentences short.")
        preview_value = "<p>La métropole s'engage à dire, avant chaque concertation, ce que vos avis changeront.</p>"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=250,
        help_text=_("Légende visible sous l'image (crédit, source). Ne répétez pas le texte alternatif."),
    )

    class Meta:
        icon = "image"
        template = "site_core/blocks/figure.html"
        label = _("Image")
        description = _("An image with its text alternative; tick 'decorative' only when it carries no information.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(
        label=_("Attribution"),
        required=False,
        max_length=160,
        help_text=_("Qui parle : par exemple « Une habitante de Roubaix, atelier du 12 mars »."),
    )

    class Meta:
        icon = "openquote"
        template = "site_core/blocks/quote.html"
        label = _("Quote")
        description = _("A citizen's or an official's words, with who said them.")
        preview_value = {"text": "On a enfin su ce que notre avis avait changé.", "attribution": "Un participant"}


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(
        label=_("External link"), required=False, help_text=_("Utilisé seulement si aucune page n'est choisie.")
    )
    button_label = blocks.CharBlock(
        label=_("Button label"),
        max_length=60,
        help_text=_("Un verbe qui dit où mène le lien : « Donner mon avis », pas « Cliquez ici »."),
    )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter an external link."))}
            )
        return value

    class Meta:
        icon = "link"
        template = "site_core/blocks/call_to_action.html"
        label = _("Call to action")
        description = _("A highlighted invitation with one clear link.")


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Answer"))

    class Meta:
        icon = "help"
        label = _("Question and answer")


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=160)
    items = blocks.ListBlock(QuestionAnswerBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "site_core/blocks/accordion.html"
        label = _("Accordion / FAQ")
        description = _("Questions that open on click; the answers stay readable without JavaScript.")


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=20, help_text=_("Par exemple « 95 » ou « 2 016 »."))
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=160)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1, max_num=6)

    class Meta:
        icon = "table"
        template = "site_core/blocks/key_figures.html"
        label = _("Key figures")
        description = _("Up to six figures, each with a sentence that says what it counts.")
        preview_value = {
            "title": "La participation en chiffres",
            "figures": [{"value": "95", "label": "communes"}, {"value": "38", "label": "actions"}],
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=160,
        help_text=_("Laissez vide pour reprendre le titre du document. Le format et le poids s'affichent seuls."),
    )

    class Meta:
        icon = "doc-full"
        template = "site_core/blocks/document_link.html"
        label = _("Document")
        description = _("A download link that shows the file type and size.")


class ProviderEmbedBlock(EmbedBlock):
    """An embed from one of the platforms of settings.PACTE_EMBED_PROVIDERS, the only players the public pages'
    CSP lets a browser show. Any other address is refused before anything is fetched from it."""

    def clean(self, value):
        if isinstance(value, EmbedValue) and not any(finder.accept(value.url) for finder in get_finders()):
            names = ", ".join(provider["name"] for provider in settings.PACTE_EMBED_PROVIDERS)
            raise ValidationError(
                gettext("Only videos from %(providers)s can be shown on the site: paste the address of a video page.")
                % {"providers": names}
            )
        return super().clean(value)


class VideoBlock(blocks.StructBlock):
    video = ProviderEmbedBlock(
        label=_("Video address"), help_text=_("Adresse de la vidéo (page de la plateforme vidéo).")
    )
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        help_text=_(
            "Obligatoire (RGAA 4.1) : la transcription textuelle complète, pour les personnes sourdes "
            "ou qui ne peuvent pas écouter."
        ),
    )

    class Meta:
        icon = "media"
        template = "site_core/blocks/video.html"
        label = _("Video")
        description = _("An embedded video; its transcript is required.")


class CaptionedTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label=_("Caption"),
        max_length=250,
        help_text=_(
            "Obligatoire : une phrase qui dit ce que contient le tableau, lue en premier par les lecteurs d'écran."
        ),
    )
    table = TableBlock(
        label=_("Table"),
        table_options={"startRows": 3, "startCols": 3, "contextMenu": True},
    )

    def clean(self, value):
        value = super().clean(value)
        table = value.get("table") or {}
        if not table.get("first_row_is_table_header") and not table.get("first_col_is_header"):
            raise StructBlockValidationError(
                block_errors={
                    "table": ValidationError(
                        _("Mark the first row or the first column as headers so the table can be read aloud.")
                    )
                }
            )
        return value

    class Meta:
        icon = "table"
        template = "site_core/blocks/table.html"
        label = _("Table")
        description = _("A data table with a caption and header cells.")


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every editorial body may use."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = FigureBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    key_figures = KeyFiguresBlock()
    document = DocumentLinkBlock()
    video = VideoBlock()
    table = CaptionedTableBlock()


class HighlightBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    title = blocks.CharBlock(
        label=_("Title"),
        required=False,
        max_length=120,
        help_text=_("Laissez vide pour reprendre le titre de la page."),
    )
    text = blocks.TextBlock(
        label=_("Text"),
        required=False,
        help_text=_("Laissez vide pour reprendre le résumé de la page (champ « Résumé pour les listes »)."),
    )

    class Meta:
        icon = "pick"
        template = "site_core/blocks/highlight.html"
        label = _("Highlight")
        description = _("A card that points to any page of the site.")


# Migrations record the block as Wagtail's EmbedBlock, whose stored value (the address) it keeps: it only adds
# validation, which migrations never run (Wagtail records its own StructBlock subclasses the same way).
DECONSTRUCT_ALIASES = {ProviderEmbedBlock: "wagtail.embeds.blocks.EmbedBlock"}
