"""Browser fixtures: the demo site served by a live server thread, and the system Chromium driven by Playwright.

The demo content is seeded once per run into this run's own test database (make test points these tests at a
separate database), so no test here uses pytest-django's per-test flushing.
"""

import json
import os
import re
import socket
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.testcases import LiveServerThread

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    # pytest-django only creates the test database for tests marked django_db; every browser test reads it.
    for item in items:
        if "tests/browser/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.django_db)
            item.add_marker(pytest.mark.browser)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def demo_server(django_db_setup, django_db_blocker):
    """The seeded demo site, served over HTTP; yields its base URL."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    # The site's public address is the live server's, as under `make run`: links built from it (attestations,
    # badges, feeds) must lead the browser back to this server.
    port = free_port()
    settings.PACTE_BASE_URL = settings.WAGTAILADMIN_BASE_URL = f"http://127.0.0.1:{port}"
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    # WhiteNoise (with finders outside production) already serves /static/; the thread adds /media/.
    thread = LiveServerThread("127.0.0.1", lambda application: application, port=port)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    with django_db_blocker.unblock():
        yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
    thread.join()
    # A request thread may still hold a connection; end it so pytest-django can drop the test database.
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def run_axe(page):
    """Run axe-core (the pinned npm package) on the loaded page; returns the list of violations.

    The script is evaluated through the DevTools protocol rather than added as a <script> tag, which the
    site's Content-Security-Policy rightly refuses: the page is tested with its real policy in force."""
    page.evaluate(AXE_SCRIPT.read_text())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result["violations"]


def describe_violations(violations):
    return json.dumps(
        [
            {
                "rule": violation["id"],
                "help": violation["help"],
                "targets": [node["target"] for node in violation["nodes"][:5]],
            }
            for violation in violations
        ],
        indent=2,
        ensure_ascii=False,
    )


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^a-zA-Z0-9]+", "-", name).strip("-") or "home"
    page.screenshot(path=str(SCREENSHOTS / f"{safe}.png"), full_page=True)


def assert_accessible(page, name):
    """Zero axe violations on the page as loaded, a screenshot saved, and no horizontal scrolling."""
    violations = run_axe(page)
    screenshot(page, name)
    assert violations == [], f"axe found violations on {name}:\n{describe_violations(violations)}"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} scrolls horizontally by {overflow}px"
