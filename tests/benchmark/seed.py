"""Grow the demo site into the benchmark's dataset: 2,000 consultations with phases, 10,000 events, 500 reports
answering 20 contribution records each, one report answering 5,000 (its list, its search and a contribution's page
are measured) and 50 training modules. Run after migrate and seed_demo, against the bench database:

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
CONTRIBUTIONS_PER_REPORT = 20
BIG_REPORT = int(os.environ.get("BENCH_BIG_REPORT", 5000))  # contributions of the one large report
BIG_SLUG = "charge-grand-bilan"
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
        Contribution,
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
            if number == 0:  # the large report's: launched 100 days ago, so the 500 others never include it
                launch = today - datetime.timedelta(days=100)
            page = ConsultationPage(
                title="Concertation de charge : le grand bilan"
                if number == 0
                else f"Concertation de charge n° {number}",
                slug=BIG_SLUG if number == 0 else f"charge-{number}",
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
            Contribution.objects.bulk_create(
                contribution_record(page, row, generator) for row in range(CONTRIBUTIONS_PER_REPORT)
            )
        big, _launch = pages[0]
        big.add_child(
            instance=ConsultationReportPage(
                title="Bilan aux 5 000 contributions",
                slug="bilan",
                locale=french,
                project_reminder="<p>Le projet et la question posée aux habitants.</p>",
                organisation="<p>Une plateforme en ligne et vingt ateliers.</p>",
                heard="<p>Des milliers de propositions sur les trottoirs, les traversées et les pistes.</p>",
                delivered_impact="<p>Chaque proposition a reçu sa réponse.</p>",
                live=True,
                first_published_at=timezone.now(),
                last_published_at=timezone.now(),
            )
        )
        Contribution.objects.bulk_create(
            (contribution_record(big, row, generator) for row in range(BIG_REPORT)), batch_size=1000
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
        f"Seeded {CONSULTATIONS} consultations, {EVENTS} events, {REPORTS} reports × {CONTRIBUTIONS_PER_REPORT} "
        f"contributions, one report with {BIG_REPORT}, {MODULES} training modules in "
        f"{time.monotonic() - started:.0f} s."
    )


WORDS = ["trottoirs", "traversées", "pistes", "bancs", "arbres", "éclairage", "bus", "écoles", "places", "marchés"]


def contribution_record(consultation, row, generator):
    """A contribution record of `consultation`, answered (a reason where one is owed) or, now and then, not yet."""
    from consultations.models import Contribution

    decision = generator.choice(["kept", "adapted", "not_kept", "out_of_scope", "under_study", ""])
    first, second = generator.sample(WORDS, 2)
    return Contribution(
        consultation=consultation,
        reference=f"PM-{row + 1:05d}",
        channel=generator.choice(["online", "online", "in_person", "written"]),
        submitted_on=datetime.date.today() - datetime.timedelta(days=generator.randrange(200, 900)),
        title=f"Des {first} et des {second}, proposition {row + 1}",
        body=f"Plus de {first} près des écoles, et des {second} mieux entretenus dans le quartier.",
        decision=decision,
        reason="" if decision in ("", "kept") else "La voirie concernée relève d'une autre autorité.",
    )


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    django.setup()
    seed()
