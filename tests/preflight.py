"""Before the suite: say in one line what is missing (PostgreSQL, Chromium, axe-core, Java and the HTML checker)
and how to get it."""

import os
import shutil
import sys
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pacte")
problems = []
try:
    # Connect to the maintenance database: the test databases are created by pytest-django.
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=5):
        pass
except psycopg.Error as error:
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    problems.append(
        f"PostgreSQL does not answer at {url.rsplit('/', 1)[0]} ({first_line}): start it "
        "(pg_ctlcluster 15 main start), run `bash .ci/run` which starts one, or set DATABASE_URL."
    )
if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
    problems.append("Chromium is missing for the browser tests: apt-get install -y chromium (Debian's package).")
if not (ROOT / "node_modules" / "axe-core" / "axe.min.js").exists():
    problems.append("axe-core is missing for the accessibility tests: npm ci (needs Node.js and npm).")
if not shutil.which("java"):
    problems.append("Java is missing for the HTML checker (vnu.jar): apt-get install -y default-jre-headless.")
if not (ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar").exists():
    problems.append("The HTML checker is missing: npm ci (it installs vnu-jar).")
for problem in problems:
    print(f"make test cannot run: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
