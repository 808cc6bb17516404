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

from site_core.home import section_choices


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Sub-section heading (h3)"))],
        default="h2",
        help_text=_("Use h2 for a section and h3 for a sub-section: do not skip a level."),
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
        help_text=_("Caption shown under the image (credit, source). Do not repeat the alternative text."),
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
        help_text=_("Who is speaking: for example “A resident of Roubaix, workshop of 12 March”."),
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
    url = blocks.URLBlock(label=_("External link"), required=False, help_text=_("Used only if no page is chosen."))
    button_label = blocks.CharBlock(
        label=_("Button label"),
        max_length=60,
        help_text=_("A verb that says where the link leads: “Give my opinion”, not “Click here”."),
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
    value = blocks.CharBlock(label=_("Figure"), max_length=20, help_text=_("For example “95” or “2,016”."))
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
        help_text=_("Leave empty to use the document's title. The file type and size are shown automatically."),
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
        label=_("Video address"), help_text=_("Address of the video (its page on the video platform).")
    )
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        help_text=_("Required (RGAA 4.1): the full text transcript, for people who are deaf or cannot listen."),
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
        help_text=_("Required: a sentence that says what the table contains, read first by screen readers."),
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
        help_text=_("Leave empty to use the page's title."),
    )
    text = blocks.TextBlock(
        label=_("Text"),
        required=False,
        help_text=_("Leave empty to use the page's summary (the “Listing summary” field)."),
    )

    class Meta:
        icon = "pick"
        template = "site_core/blocks/highlight.html"
        label = _("Highlight")
        description = _("A card that points to any page of the site.")


class ProcessingBlock(blocks.StructBlock):
    """One processing of personal data, with what article 13 of the GDPR says a person must be told about it."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTERESTS = "legitimate_interests"
    LEGAL_BASES = [
        (CONSENT, _("Consent (GDPR article 6.1.a)")),
        (CONTRACT, _("Performance of a contract (GDPR article 6.1.b)")),
        (LEGAL_OBLIGATION, _("Legal obligation (GDPR article 6.1.c)")),
        (VITAL_INTERESTS, _("Vital interests (GDPR article 6.1.d)")),
        (PUBLIC_TASK, _("Task carried out in the public interest (GDPR article 6.1.e)")),
        (LEGITIMATE_INTERESTS, _("Legitimate interests (GDPR article 6.1.f)")),
    ]

    name = blocks.CharBlock(
        label=_("Processing"),
        max_length=160,
        help_text=_("The name of the processing as a resident understands it: “Staff accounts”, “Newsletter”."),
    )
    purpose = blocks.TextBlock(label=_("Purpose"), help_text=_("What the data is used for, in one or two sentences."))
    legal_basis = blocks.ChoiceBlock(
        label=_("Legal basis"),
        choices=LEGAL_BASES,
        help_text=_(
            "The legal ground for the processing. A local authority most often acts for a task in the public interest."
        ),
    )
    data = blocks.TextBlock(
        label=_("Data collected"), help_text=_("The categories of data: name, e-mail address, IP address…")
    )
    recipients = blocks.TextBlock(
        label=_("Recipients"),
        help_text=_("Who receives the data: departments, contractors (processors), other bodies."),
    )
    retention = blocks.CharBlock(
        label=_("Retention period"),
        max_length=250,
        help_text=_("How long the data is kept, or how that period is set."),
    )

    class Meta:
        icon = "lock"
        template = "site_core/blocks/processing.html"
        label = _("Processing of personal data")
        description = _("What is collected, why, on which legal basis, who receives it and for how long.")
        preview_value = {
            "name": "Comptes des agents",
            "purpose": "Permettre aux agents de suivre leur formation.",
            "legal_basis": "public_task",
            "data": "Nom, adresse électronique professionnelle.",
            "recipients": "La Mission participation citoyenne.",
            "retention": "Jusqu'au départ de l'agent, puis un an.",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["legal_basis_label"] = dict(self.LEGAL_BASES).get(value.get("legal_basis"), "")
        return context


class CookieBlock(blocks.StructBlock):
    """One cookie the site sets: readers and the CNIL need its name, purpose, when it is set and how long it lasts."""

    name = blocks.CharBlock(
        label=_("Cookie name"), max_length=80, help_text=_("Its technical name, for example “sessionid”.")
    )
    purpose = blocks.TextBlock(label=_("Purpose"), help_text=_("What the cookie is for, in plain words."))
    set_when = blocks.CharBlock(
        label=_("When it is set"),
        max_length=250,
        help_text=_("When the site sets it: on signing in, on sending a form…"),
    )
    lifetime = blocks.CharBlock(
        label=_("Lifetime"), max_length=120, help_text=_("How long it lasts, for example “two weeks”.")
    )

    class Meta:
        icon = "tick-inverse"
        label = _("Cookie")
        description = _("A cookie set by the site, listed in the table of cookies.")
        preview_value = {
            "name": "sessionid",
            "purpose": "Garder un agent connecté.",
            "set_when": "À la connexion d'un agent.",
            "lifetime": "Deux semaines.",
        }


# Migrations record the block as Wagtail's EmbedBlock, whose stored value (the address) it keeps: it only adds
# validation, which migrations never run (Wagtail records its own StructBlock subclasses the same way).
DECONSTRUCT_ALIASES = {ProviderEmbedBlock: "wagtail.embeds.blocks.EmbedBlock"}


class HomeSectionsBlock(blocks.StreamBlock):
    """The home page's sections, in order: each kind once (site_core.home lists the kinds on offer)."""

    section = blocks.ChoiceBlock(
        choices=section_choices,  # a callable: the kinds come from the apps' hooks, read when the form is drawn
        label=_("Home page section"),
    )

    class Meta:
        icon = "list-ul"

    def clean(self, value):
        value = super().clean(value)
        seen, errors = set(), {}
        for position, child in enumerate(value):
            if child.value in seen:
                errors[position] = ValidationError(
                    gettext("This section is already listed above: delete this one, or choose another section.")
                )
            seen.add(child.value)
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value
