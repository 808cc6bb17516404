"""A consultation's records: its phases (the timeline) and its events (taking part in person, then minutes).

Orderable + TranslatableMixin children of the consultation page (ParentalKey), so the page form holds them and
wagtail-localize translates and synchronises them.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index


class ConsultationPhase(TranslatableMixin, Orderable):
    page = ParentalKey("consultations.ConsultationPage", related_name="phases", on_delete=models.CASCADE)
    title = models.CharField(
        _("title"), max_length=120, help_text=_("For example “Online diagnosis” or “Analysis of contributions”.")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    description = models.TextField(
        _("description"), blank=True, help_text=_("What happens during this phase, in one or two sentences.")
    )
    is_participation = models.BooleanField(
        _("open to contributions"),
        default=True,
        help_text=_(
            "Tick if the public can contribute during this phase. The “open” status runs from the first to the last "
            "ticked phase."
        ),
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("description"),
        FieldPanel("is_participation"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["sort_order"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="phase_ends_after_it_starts"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The phase cannot end before it starts.")})


class ConsultationEvent(index.Indexed, TranslatableMixin, Orderable):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"
    FORMATS = [(IN_PERSON, _("in person")), (ONLINE, _("online")), (HYBRID, _("hybrid (in person and online)"))]

    PUBLIC_MEETING = "public_meeting"
    WORKSHOP = "workshop"
    EXPLORATORY_WALK = "exploratory_walk"
    OPEN_FORUM = "open_forum"
    PITCH_EVENT = "pitch_event"
    RANDOM_DRAW = "random_draw"
    RESTITUTION = "restitution"
    OTHER = "other"
    KINDS = [
        (PUBLIC_MEETING, _("public meeting")),
        (WORKSHOP, _("workshop")),
        (EXPLORATORY_WALK, _("exploratory walk")),
        (OPEN_FORUM, _("open forum")),
        (PITCH_EVENT, _("pitch event")),
        (RANDOM_DRAW, _("random-draw session")),
        (RESTITUTION, _("report-back meeting")),
        (OTHER, _("other")),
    ]

    page = ParentalKey("consultations.ConsultationPage", related_name="events", on_delete=models.CASCADE)
    title = models.CharField(
        _("title"), max_length=160, help_text=_("For example “Exploratory walk in the city centre”.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS, default=PUBLIC_MEETING)
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_(
            "Tick to cancel the event rather than delete it: it stays on the page marked “cancelled”, and the people "
            "following the consultation are told."
        ),
    )
    format = models.CharField(_("format"), max_length=10, choices=FORMATS, default=IN_PERSON)
    start = models.DateTimeField(_("starts at"))
    end = models.DateTimeField(_("ends at"))
    description = models.TextField(
        _("description"), blank=True, help_text=_("What will happen and what to bring or know.")
    )
    place_name = models.CharField(
        _("place"), max_length=160, blank=True, help_text=_("The name of the venue, for example “Village hall”.")
    )
    address = models.TextField(
        _("address"), blank=True, help_text=_("Full address: number, street, postcode, municipality.")
    )
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    sign_language = models.BooleanField(_("sign-language interpretation"), default=False)
    public_transport = models.CharField(
        _("public transport"),
        max_length=200,
        blank=True,
        help_text=_("Nearest lines and stops, for example “Metro 1, Hôtel de Ville station”."),
    )
    access_notes = models.TextField(
        _("other access information"),
        blank=True,
        help_text=_("Childcare, bicycle parking, a contact for particular needs…"),
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Link to the video conference or live stream.")
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Number of places. Leave empty if entry is free.")
    )
    attendees = models.PositiveIntegerField(
        _("attendees"), null=True, blank=True, help_text=_("After the event: the number of people present.")
    )
    contributions_count = models.PositiveIntegerField(
        _("number of contributions"),
        null=True,
        blank=True,
        help_text=_("After the event: the number of contributions collected (opinions, proposals, sticky notes…)."),
    )
    minutes_summary = models.TextField(
        _("minutes"), blank=True, help_text=_("After the event: the minutes, what was said and proposed.")
    )
    minutes_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("full minutes (document)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("format")]),
        FieldPanel("cancelled"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("place_name"),
                FieldPanel("address"),
                FieldPanel("step_free_access"),
                FieldPanel("hearing_loop"),
                FieldPanel("sign_language"),
                FieldPanel("public_transport"),
                FieldPanel("access_notes"),
            ],
            heading=_("Place and access"),
        ),
        MultiFieldPanel(
            [FieldPanel("online_url"), FieldPanel("registration_url"), FieldPanel("capacity")],
            heading=_("Online and registration"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendees"),
                FieldPanel("contributions_count"),
                FieldPanel("minutes_summary"),
                FieldPanel("minutes_document"),
            ],
            heading=_("Minutes (after the event)"),
        ),
    ]

    # Found by the site search on its own (consultations/search.py), and with its page (ConsultationPage).
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("kind_name"),
        index.SearchField("description"),
        index.SearchField("place_name"),
        index.SearchField("address"),
        index.SearchField("minutes_summary"),
        index.AutocompleteField("title"),
        index.FilterField("page"),
        index.FilterField("locale"),
    ]
    search_result_kind = pgettext_lazy("search result", "Event")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["sort_order"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="event_ends_after_it_starts"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if self.format in (self.IN_PERSON, self.HYBRID) and not self.address.strip():
            errors["address"] = _("An event held in person needs its address.")
        if self.format in (self.ONLINE, self.HYBRID) and not self.online_url:
            errors["online_url"] = _("An event held online needs its link.")
        if errors:
            raise ValidationError(errors)

    def kind_name(self):
        """ "Réunion publique", "Tirage au sort"...: in the event's language, for the search to find it by its kind."""
        with translation.override(self.locale.language_code if self.locale_id else None):
            return str(self.get_kind_display())

    def is_past(self, now=None):
        return self.end < (now or timezone.now())

    @property
    def is_in_person(self):
        return self.format in (self.IN_PERSON, self.HYBRID)

    @property
    def is_online(self):
        return self.format in (self.ONLINE, self.HYBRID)

    @property
    def has_minutes(self):
        return self.attendees is not None or self.contributions_count is not None or bool(self.minutes_summary)

    @property
    def access_features(self):
        features = []
        if self.step_free_access:
            features.append(_("Step-free access"))
        if self.hearing_loop:
            features.append(_("Hearing loop"))
        if self.sign_language:
            features.append(_("Sign-language interpretation"))
        return features

    def location_line(self):
        parts = [self.place_name.strip(), " ".join(self.address.split())]
        return ", ".join(part for part in parts if part)
