"""`make bench-followers`: what a publication costs with many followers, and how fast the queue sends.

Seeds a consultation followed by BENCH_FOLLOWERS addresses (default 10,000) in its own database, then measures
(1) the publication of its report, which must not grow with the followers (it records one notice and queues one
task), and (2) the worker (django-tasks-db's db_worker, one process) fanning that notice out and sending every
message through a real SMTP server (aiosmtpd, on the loopback, accepting everything): messages per second.

Environment: BENCH_FOLLOWERS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/pacte_bench_followers),
BENCH_FOLLOWERS.
"""

import datetime
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get(
    "BENCH_FOLLOWERS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pacte_bench_followers"
)
FOLLOWERS = int(os.environ.get("BENCH_FOLLOWERS", "10000"))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fresh_database():
    name = DATABASE_URL.rsplit("/", 1)[1]
    with psycopg.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def main():
    fresh_database()
    port = free_port()
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "site_core.settings.test",
            "DATABASE_URL": DATABASE_URL,
            "PYTHONPATH": str(ROOT),
        }
    )
    sys.path.insert(0, str(ROOT))
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True)  # noqa: S603

    import django  # noqa: PLC0415

    django.setup()
    from aiosmtpd.controller import Controller  # noqa: PLC0415
    from django.conf import settings  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    from consultations.follow.models import Delivery, Follow, Follower  # noqa: PLC0415
    from tests.factories import (  # noqa: PLC0415
        ConsultationIndexPageFactory,
        ConsultationPageFactory,
        ConsultationReportPageFactory,
        HomePageFactory,
        site_locales,
    )

    class Sink:
        count = 0

        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            Sink.count += 1
            return "250 OK"

    smtp = Controller(Sink(), hostname="127.0.0.1", port=port)
    smtp.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port

    site_locales()
    index = ConsultationIndexPageFactory(parent=HomePageFactory())
    consultation = ConsultationPageFactory(
        parent=index, phases=[(datetime.date(2026, 1, 5), datetime.date(2026, 2, 20))]
    )
    now = consultation.first_published_at
    followers = Follower.objects.bulk_create(
        (Follower(email=f"person{n}@example.org", language=("fr", "en", "nl")[n % 3], confirmed_at=now)
         for n in range(FOLLOWERS)),
        batch_size=2000,
    )  # fmt: skip
    Follow.objects.bulk_create(
        (Follow(follower=f, kind="consultation", key=str(consultation.translation_key), requested_language="fr",
                confirmed_at=now) for f in followers),
        batch_size=2000,
    )  # fmt: skip

    started = time.perf_counter()
    ConsultationReportPageFactory(parent=consultation)
    publication = time.perf_counter() - started

    started = time.perf_counter()
    call_command("db_worker", "--batch", "--backend", "notifications", "--queue-name", "notifications",
                 "--no-startup-delay", "--no-reload", verbosity=0)  # fmt: skip
    sending = time.perf_counter() - started
    smtp.stop()
    sent = Delivery.objects.filter(status="sent").count()
    print(f"followers: {FOLLOWERS}")
    print(f"publication of the report: {publication * 1000:.0f} ms (one notice, one task queued)")
    print(f"worker: {sent} messages sent ({Sink.count} received by SMTP) in {sending:.1f} s: {sent / sending:.0f}/s")


if __name__ == "__main__":
    main()
