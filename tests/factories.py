"""Test data built the way the site's people build it: pages added in the tree and published through a revision,
snippets and records with the values an editor would type, staff accounts. Each factory gives a complete, valid
object by default; a test names only the values its feature is about."""

import datetime
import hashlib
import zoneinfo

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory, Password
from wagtail.models import Locale, Page, Site

from charter_pages.models import CharterChapter, CharterEdition, CharterPage, Commitment, ReciprocalCommitment
from consultations.indicators.models import DashboardPage
from consultations.label.models import LabelAward, LabelLevel, LabelPage
from consultations.models import (
    ConsultationEvent,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationPhase,
    ConsultationReportPage,
    Contribution,
    RandomDraw,
    ReportResponse,
    SharedAnswer,
)
from consultations.opendata.models import OpenDataPage
from site_core.demo import simple_pdf
from site_core.models import AccessibilityStatementPage, HomePage, StandardPage
from training.models import AttestationVerificationPage, TrainingIndexPage, TrainingLessonPage, TrainingModulePage

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
PASSWORD = "correct horse battery staple"  # noqa: S105 - test accounts only
SITE_LANGUAGES = ("fr", "en", "nl")


def at(year, month, day, hour=18, minute=0):
    """A moment in the metropolis's time zone, as an editor types it."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def publish_child(parent, page):
    """Add `page` under `parent` and publish it through a revision, as an editor's "Publish" does; returns the live
    page as stored."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, locale, **fields):
    """Publish a translation of `page` in `locale` with the given fields changed."""
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


# Locales and users


class LocaleFactory(DjangoModelFactory):
    class Meta:
        model = Locale
        django_get_or_create = ("language_code",)

    language_code = "fr"


def site_locales():
    """The site's three locales by language code (French, the source, is created by Wagtail's migrations)."""
    return {code: LocaleFactory(language_code=code) for code in SITE_LANGUAGES}


class UserFactory(DjangoModelFactory):
    """An account that signs in with PASSWORD."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"agent.{n}")
    password = Password(PASSWORD)


# Pages


class PageFactory(DjangoModelFactory):
    """A page added under `parent` and published through a revision (`draft=True`: saved as a draft never
    published). Wagtail pages live in a tree, so they are never created with a plain save()."""

    class Meta:
        model = Page
        abstract = True

    parent = None
    draft = False
    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))

    @classmethod
    def _build(cls, model_class, *args, parent=None, draft=False, **kwargs):
        return model_class(*args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, parent=None, draft=False, **kwargs):
        if parent is None:
            raise TypeError(f"{cls.__name__} needs the page's parent: {cls.__name__}(parent=...)")
        page = model_class(*args, **kwargs)
        if not draft:
            return publish_child(parent, page)
        page.live = False
        parent.add_child(instance=page)
        page.save_revision()
        page.refresh_from_db()
        return page


class HomePageFactory(PageFactory):
    """The French home page at the top of the tree, made the default site's root in place of Wagtail's welcome page
    (`default_site=False` leaves the site alone)."""

    class Meta:
        model = HomePage
        skip_postgeneration_save = True  # the hook writes the site, not the page

    parent = factory.LazyFunction(Page.get_first_root_node)
    title = "Accueil"
    slug = "accueil"
    hero_title = "Bienvenue"
    locale = factory.SubFactory(LocaleFactory)

    @factory.post_generation
    def default_site(page, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": page, "site_name": "Pacte"},
        )
        # Only then: a site whose root page is deleted goes with it.
        Page.objects.filter(depth=2).exclude(pk=page.pk).delete()


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage


class AccessibilityStatementPageFactory(PageFactory):
    class Meta:
        model = AccessibilityStatementPage


class ConsultationIndexPageFactory(PageFactory):
    class Meta:
        model = ConsultationIndexPage

    title = "Concertations"
    slug = "concertations"


# What every consultation announces before it opens (the charter's commitment to say what input can change).
IMPACT = {
    "summary": "Un projet à discuter.",
    "question": "Que faut-il changer ?",
    "decision_maker": "Le conseil métropolitain",
    "service_in_charge": "Direction des mobilités",
    "impact_decision": "Le conseil votera le plan.",
    "impact_open": "Les itinéraires prioritaires.",
    "impact_closed": "Le budget global.",
    "impact_use": "Chaque contribution reçoit une réponse.",
    "decidim_url": "https://participer.example.org/processes/test",
}


class ConsultationPageFactory(PageFactory):
    """A published consultation with its announced impact. `phases` are (start, end) or (start, end,
    is_participation) dates; `events` are dicts of ConsultationEvent fields (in person unless said)."""

    class Meta:
        model = ConsultationPage

    slug = factory.Sequence(lambda n: f"concertation-{n}")
    title = factory.LazyAttribute(lambda page: page.slug.replace("-", " ").capitalize())
    answer_due_date = datetime.date(2026, 12, 31)
    phases = ()
    events = ()
    summary = IMPACT["summary"]
    question = IMPACT["question"]
    decision_maker = IMPACT["decision_maker"]
    service_in_charge = IMPACT["service_in_charge"]
    impact_decision = IMPACT["impact_decision"]
    impact_open = IMPACT["impact_open"]
    impact_closed = IMPACT["impact_closed"]
    impact_use = IMPACT["impact_use"]
    decidim_url = IMPACT["decidim_url"]

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs["phases"] = [
            ConsultationPhase(
                title=f"Phase {position}",
                start_date=phase[0],
                end_date=phase[1],
                is_participation=phase[2] if len(phase) > 2 else True,
                sort_order=position,
            )
            for position, phase in enumerate(kwargs["phases"])
        ]
        kwargs["events"] = [
            ConsultationEvent(sort_order=position, **{"format": ConsultationEvent.IN_PERSON, **event})
            for position, event in enumerate(kwargs["events"])
        ]
        return kwargs


class ConsultationReportPageFactory(PageFactory):
    """A published standard report (bilan); `responses` are dicts of ReportResponse fields."""

    class Meta:
        model = ConsultationReportPage

    title = "Bilan"
    slug = "bilan"
    responses = ()
    project_reminder = "<p>Le plan marche et sa question.</p>"
    organisation = "<p>En ligne et en réunion.</p>"
    participants_online = 1180
    participants_in_person = 326
    contributions_online = 1214
    contributions_in_person = 231
    events_held = 4
    total_attendance = 352
    heard = "<p>Des pistes séparées.</p>"
    delivered_impact = "<p>Le tracé par les quais a été voté.</p>"

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs["responses"] = [
            ReportResponse(sort_order=position, **row) for position, row in enumerate(kwargs["responses"])
        ]
        return kwargs


class SharedAnswerFactory(DjangoModelFactory):
    """A theme-level answer given to several contributions of `consultation`."""

    class Meta:
        model = SharedAnswer

    title = factory.Sequence(lambda n: f"Réponse commune {n}")
    text = "Les pistes séparées sont prévues sur les axes principaux ; les autres rues passent en zone 30."


class ContributionFactory(DjangoModelFactory):
    """A contribution record of `consultation` (pass the page in its original language), unanswered unless a
    `decision` (with a `reason` where one is owed) is given."""

    class Meta:
        model = Contribution

    reference = factory.Sequence(lambda n: f"PM-{n + 1:04d}")
    channel = Contribution.ONLINE
    submitted_on = datetime.date(2025, 3, 15)
    title = factory.Sequence(lambda n: f"Proposition {n + 1}")
    body = "Une piste cyclable séparée sur la rue Nationale, du centre jusqu’à la gare."
    language = "fr"


def reported_consultation(parent, slug="plan-velo", **report_fields):
    """A consultation held in spring 2025 whose report is published (what the label requires)."""
    consultation = ConsultationPageFactory(
        parent=parent,
        slug=slug,
        phases=[(datetime.date(2025, 3, 1), datetime.date(2025, 4, 30))],
        answer_due_date=datetime.date(2025, 9, 30),
    )
    ContributionFactory(consultation=consultation, title="Des pistes séparées", decision=Contribution.KEPT)
    ConsultationReportPageFactory(
        parent=consultation, responses=[{"proposal": "Des pistes séparées", "decision": "kept"}], **report_fields
    )
    return consultation


class RandomDrawFactory(DjangoModelFactory):
    """A draw made commit then reveal, through the model's two steps: its list of 24 proposals published a week
    ago, then drawn now with `seed` (left waiting for its seed when `seed` is None). Give `consultation`."""

    class Meta:
        model = RandomDraw

    title = "Les 8 propositions présentées en public"
    method = "Tirage en public, devant un huissier."
    items = factory.LazyFunction(lambda: [f"Proposition {number}" for number in range(1, 25)])
    count = 8
    seed_source = "Dix dés lancés en séance, chacun par une personne du public."
    seed = "4-1-6-6-2-5-3-1-5-2"
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    performed_at = factory.LazyFunction(timezone.now)
    performed_by = "Mission participation citoyenne"

    @classmethod
    def _create(cls, model_class, *, seed, performed_at, performed_by, **kwargs):
        record = model_class.publish_list(**kwargs)
        if seed is not None:
            record.perform(seed, performed_by=performed_by, performed_at=performed_at)
        return record


def charter_chapters(commitments_per_chapter, pictograms):
    """Chapters holding `commitments_per_chapter` commitments each, numbered from 1 across the charter."""
    numbers = iter(range(1, sum(commitments_per_chapter) + 1))
    chapters = []
    for position, count in enumerate(commitments_per_chapter):
        commitments = []
        for index in range(count):
            number = next(numbers)
            commitments.append(
                Commitment(
                    number=number,
                    sort_order=index,
                    title=f"Engagement numéro {number}",
                    promise=f"Nous nous engageons à tenir la promesse {number}.",
                    citizen_meaning=f"Pour vous, la promesse {number} change les choses.",
                    evidence=f"Preuve publique {number}.",
                    official_reference=f"Article {number}",
                    easy_read_text=f"Promesse facile {number}." if number % 2 else "",
                    pictogram=pictograms[number % len(pictograms)] if pictograms else None,
                    pictogram_alt=f"Pictogramme {number}" if pictograms else "",
                )
            )
        chapters.append(CharterChapter(title=f"Chapitre {position + 1}", sort_order=position, commitments=commitments))
    return chapters


class CharterPageFactory(PageFactory):
    """A published charter with both sides of the contract and two editions; `commitments_per_chapter` shapes its
    chapters, `pictograms` (images) illustrate the commitments in turn."""

    class Meta:
        model = CharterPage

    class Params:
        commitments_per_chapter = (2, 1)
        pictograms = ()

    title = "Charte de la participation citoyenne"
    slug = "charte"
    lead = "Un contrat moral entre la Métropole et les habitants : des engagements des deux côtés."
    adoption_body = "Conseil métropolitain"
    adoption_date = datetime.date(2016, 12, 2)
    deliberation_reference = "16 C 0999"
    easy_read_intro = "La Métropole fait des promesses.\nVous pouvez vérifier."
    locale = factory.LazyAttribute(lambda page: page.parent.locale)
    chapters = factory.LazyAttribute(lambda page: charter_chapters(page.commitments_per_chapter, page.pictograms))
    reciprocal_commitments = factory.LazyFunction(
        lambda: [
            ReciprocalCommitment(title="Respecter les autres", description="Écouter chaque avis.", sort_order=0),
            ReciprocalCommitment(title="Argumenter", description="Dire pourquoi.", sort_order=1),
        ]
    )
    editions = factory.LazyFunction(
        lambda: [
            CharterEdition(name="Édition 2016", date=datetime.date(2016, 12, 2), summary="<p>Première charte.</p>"),
            CharterEdition(name="Édition 2021", date=datetime.date(2021, 6, 28), summary="<p>Cinq axes.</p>"),
        ]
    )


# The citizen label and the dashboard


class LabelLevelFactory(DjangoModelFactory):
    class Meta:
        model = LabelLevel

    locale = factory.SubFactory(LocaleFactory)
    slug = "co-construit"
    name = "Co-construit"
    rank = 3
    summary = "Les habitants ont écrit le projet avec le service."
    criteria = "Ateliers d'écriture\nBilan publié dans les délais"


class LabelPageFactory(PageFactory):
    class Meta:
        model = LabelPage

    title = "Label citoyen"
    slug = "label-citoyen"
    introduction = "Le label citoyen signale ce qui vient de la concertation."
    how_to_apply = "Le service remplit une demande.\nLe comité vérifie le bilan."
    contact = "label@example.org"


# The file a factory award is the label of: a test uploads it (or another) to check it against the label.
LABELLED_PDF = simple_pdf(["Plan vélo 2026-2031", "Délibération n° 25-C-0142"])


class LabelAwardFactory(DjangoModelFactory):
    """An award validated as the admin form validates it (a consultation without a published report is refused)."""

    class Meta:
        model = LabelAward

    consultation = None
    level = factory.SubFactory(LabelLevelFactory)
    awarded_on = datetime.date(2025, 11, 3)
    document_title = "Plan vélo 2026-2031"
    document_kind = LabelAward.DELIBERATION
    document_reference = "25-C-0142"
    document_date = datetime.date(2025, 10, 20)
    # Published elsewhere by default, with the fingerprint an editor pastes (a library document is computed).
    document_url = "https://deliberations.example.org/25-C-0142.pdf"
    document_sha256 = factory.LazyFunction(lambda: hashlib.sha256(LABELLED_PDF).hexdigest())
    citizen_contribution = "Le tracé par les quais, proposé par 312 habitants."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        award = model_class(*args, **kwargs)
        award.full_clean()
        award.save()
        return award


class DashboardPageFactory(PageFactory):
    class Meta:
        model = DashboardPage

    title = "Tableau de bord"
    slug = "tableau-de-bord"
    introduction = "Les chiffres."


class OpenDataPageFactory(PageFactory):
    class Meta:
        model = OpenDataPage

    title = "Données ouvertes"
    slug = "donnees-ouvertes"
    introduction = "Les données de la participation."


# Training


class TrainingIndexPageFactory(PageFactory):
    class Meta:
        model = TrainingIndexPage

    title = "Formations"
    slug = "formations"
    introduction = "Se former à la participation."


def quiz_block(question, choices, explanation="<p>Parce que la charte le dit.</p>"):
    """A quiz StreamField block; `choices` are (text, is_correct)."""
    return (
        "quiz",
        {
            "question": question,
            "choices": [{"text": text, "is_correct": correct} for text, correct in choices],
            "explanation": explanation,
        },
    )


SINGLE_CHOICE_QUIZ = quiz_block(
    "Quand annoncer l'impact des contributions ?",
    [("Au lancement", True), ("Dans le bilan", False), ("Jamais", False)],
    "<p>Explication : dès le lancement de la concertation.</p>",
)
MULTIPLE_CHOICE_QUIZ = quiz_block(
    "Qui la charte engage-t-elle ?",
    [("La Métropole", True), ("Les participants", True), ("Personne", False)],
)


class TrainingModulePageFactory(PageFactory):
    class Meta:
        model = TrainingModulePage

    title = "La charte en pratique"
    slug = "charte"
    audience = "Tous les services"
    duration_hours = 7
    duration_label = "1 journée"
    format = TrainingModulePage.MIXED
    objectives = "<ul><li>Expliquer la charte.</li></ul>"


class TrainingLessonPageFactory(PageFactory):
    """Lesson `n` of its module: a paragraph and, unless `quiz=False`, a single- and a multiple-choice quiz."""

    class Meta:
        model = TrainingLessonPage

    class Params:
        number = factory.Sequence(lambda n: n + 1)
        quiz = True

    title = factory.LazyAttribute(lambda lesson: f"Leçon {lesson.number}")
    slug = factory.LazyAttribute(lambda lesson: f"lecon-{lesson.number}")
    body = factory.LazyAttribute(
        lambda lesson: (
            [("paragraph", f"<p>Contenu de la leçon {lesson.number}.</p>")]
            + ([SINGLE_CHOICE_QUIZ, MULTIPLE_CHOICE_QUIZ] if lesson.quiz else [])
        )
    )


def training_module(parent, lessons=3, quiz=True, **fields):
    """A published module under the training index `parent` with its `lessons` numbered from 1; returns the module
    and its lessons."""
    module = TrainingModulePageFactory(parent=parent, **fields)
    return module, [TrainingLessonPageFactory(parent=module, number=n, quiz=quiz) for n in range(1, lessons + 1)]


class AttestationVerificationPageFactory(PageFactory):
    class Meta:
        model = AttestationVerificationPage

    title = "Vérifier une attestation"
    slug = "verifier"
