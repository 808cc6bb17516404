"""Grow the demo site into the benchmark's dataset: 2,000 consultations with phases, 10,000 events, 500 reports
with 20 responses each and 50 training modules. Run after migrate and seed_demo, against the bench database:

    DJANGO_SETTINGS_MODULE=site_core.settings.dev DATABASE_URL=... python -m tests.benchmark.seed
"""

import datetime
import os
import random
import sys
import time

import django

CONSULTATIONS = int(os.environ.get("BENCH_CONSULTATIONS", 2000))
EVENTS = int(os.environ.get("BENCH_EVENTS", 10000))
REPORTS = int(os.environ.get("BENCH_REPORTS", 500))
RESPONSES_PER_REPORT = 20
MODULES = int(os.environ.get("BENCH_MODULES", 50))
THEMES = ["mobilité", "marche", "climat", "logement", "culture", "eau", "déchets", "jeunesse"]


def published_at(day):
    """A publication moment on `day`, as Wagtail records it when an editor publishes."""
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def seed():
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale

    from consultations.models import (
        ConsultationEvent,
        ConsultationIndexPage,
        ConsultationPage,
        ConsultationPhase,
        ConsultationReportPage,
        ReportResponse,
        Territory,
    )
    from training.models import TrainingIndexPage, TrainingModulePage

    generator = random.Random(2016)  # noqa: S311 - reproducible test data, not security
    french = Locale.objects.get(language_code="fr")
    index = ConsultationIndexPage.objects.get(locale=french)
    territories = list(Territory.objects.filter(locale=french))
    today = datetime.date.today()
    started = time.monotonic()

    with transaction.atomic():
        pages = []
        for number in range(CONSULTATIONS):
            launch = today - datetime.timedelta(days=generator.randrange(-120, 1400))
            page = ConsultationPage(
                title=f"Concertation de charge n° {number}",
                slug=f"charge-{number}",
                locale=french,
                summary="Une concertation créée pour mesurer les performances du site.",
                question="Comment améliorer ce service public avec ses usagers ?",
                decision_maker="Le conseil métropolitain",
                service_in_charge="Direction de la participation",
                impact_decision="Le conseil décidera du projet final.",
                impact_open="Les aménagements et leur calendrier.",
                impact_closed="Le budget global, déjà voté.",
                impact_use="Chaque contribution reçoit une réponse dans le bilan.",
                answer_due_date=launch + datetime.timedelta(days=150),
                decidim_url=f"https://participation.example.org/processes/charge-{number}",
                listing_summary="Concertation de charge pour le banc d'essai.",
                live=True,
                first_published_at=published_at(launch - datetime.timedelta(days=14)),
                last_published_at=published_at(launch - datetime.timedelta(days=14)),
            )
            index.add_child(instance=page)
            page.themes.add(*generator.sample(THEMES, 2))
            if territories:
                page.territories.set(generator.sample(territories, min(2, len(territories))))
            page.save()
            pages.append((page, launch))
        ConsultationPhase.objects.bulk_create(
            ConsultationPhase(
                page=page,
                locale=french,
                sort_order=position,
                title=title,
                start_date=launch + datetime.timedelta(days=offset),
                end_date=launch + datetime.timedelta(days=offset + 40),
                is_participation=position == 1,
            )
            for page, launch in pages
            for position, (title, offset) in enumerate([("Information", 0), ("Participation", 41), ("Analyse", 82)])
        )
        now = timezone.now()
        starts = [now + datetime.timedelta(days=generator.randrange(-400, 200), hours=18) for _ in range(EVENTS)]
        ConsultationEvent.objects.bulk_create(
            ConsultationEvent(
                page=pages[number % len(pages)][0],
                locale=french,
                sort_order=number,
                title=f"Atelier n° {number}",
                start=starts[number],
                end=starts[number] + datetime.timedelta(hours=2),
                place_name="Salle du conseil",
                address="1 place de la Concertation, 59000 Exemple",
            )
            for number in range(EVENTS)
        )
        # Reports come 100 to 200 days after the launch (the promise is 150: some are late), so only consultations
        # launched long enough ago have one, as on a real site.
        reported = [(page, launch) for page, launch in pages if launch <= today - datetime.timedelta(days=200)]
        for page, launch in reported[:REPORTS]:
            publication = published_at(launch + datetime.timedelta(days=generator.randrange(100, 200)))
            report = ConsultationReportPage(
                title="Bilan de la concertation",
                slug="bilan",
                locale=french,
                participants_online=generator.randrange(50, 900),
                participants_in_person=generator.randrange(10, 300),
                contributions_online=generator.randrange(20, 600),
                contributions_in_person=generator.randrange(5, 200),
                events_held=5,
                project_reminder="<p>Le projet et la question posée aux habitants.</p>",
                organisation="<p>Trois ateliers et une plateforme en ligne pendant six semaines.</p>",
                heard="<p>Une demande forte de trottoirs plus larges et de traversées plus sûres.</p>",
                delivered_impact="<p>Le plan final reprend les deux tiers des propositions.</p>",
                total_attendance=generator.randrange(40, 500),
                live=True,
                first_published_at=publication,
                last_published_at=publication,
            )
            page.add_child(instance=report)
            ReportResponse.objects.bulk_create(
                ReportResponse(
                    page=report,
                    locale=french,
                    sort_order=row,
                    subject=f"Proposition {row}",
                    proposal="Élargir les trottoirs près des écoles.",
                    decision=generator.choice(["kept", "adapted", "not_kept", "out_of_scope"]),
                    reason="La voirie concernée relève d'une autre autorité.",
                )
                for row in range(RESPONSES_PER_REPORT)
            )
        training_index = TrainingIndexPage.objects.filter(locale=french).first()
        if training_index is not None:
            for number in range(MODULES):
                training_index.add_child(
                    instance=TrainingModulePage(
                        title=f"Module de charge n° {number}",
                        slug=f"module-charge-{number}",
                        locale=french,
                        audience="Tous les services",
                        duration_hours=7,
                        objectives="<ul><li>Connaître la charte de la participation.</li></ul>",
                        live=True,
                    )
                )
    print(
        f"Seeded {CONSULTATIONS} consultations, {EVENTS} events, {REPORTS} reports × {RESPONSES_PER_REPORT} "
        f"responses, {MODULES} training modules in {time.monotonic() - started:.0f} s."
    )


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    django.setup()
    seed()
