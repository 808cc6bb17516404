"""`make pytest`: the three test runs, the browser suite beside the others so that the machine's cores stay busy.

The main suite runs on pytest-xdist workers (PostgreSQL), then the tests marked `sqlite` run again on SQLite; the
browser suite (Chromium against a live server, its own database) waits mostly on the browser and the server, so
it runs at the same time instead of after them. Its output is kept and printed last, whole, so each run's report
reads as one block and the last lines are a test summary. A run that collected no test (pytest's exit status 5)
fails with a line that says so: a suite that silently shrank to nothing must not look like a pass.

Environment: PYTEST (the pytest executable), PYTEST_WORKERS, TEST_DATABASE_URL, SQLITE_DATABASE_URL.
"""

import os
import subprocess
import sys
import tempfile

NO_TESTS_COLLECTED = 5


def run(name, arguments, database_url, **popen):
    command = [os.environ.get("PYTEST", "pytest"), *arguments, "-q"]
    process = subprocess.Popen(command, env={**os.environ, "DATABASE_URL": database_url}, **popen)  # noqa: S603
    return name, process


def verdict(name, status):
    if status == NO_TESTS_COLLECTED:
        print(f"pytest collected no test in the {name} run", file=sys.stderr)
    return status


def main():
    database_url = os.environ["TEST_DATABASE_URL"]
    workers = os.environ.get("PYTEST_WORKERS", "auto")
    with tempfile.TemporaryFile(mode="w+") as browser_output:
        browser = run(
            "browser",
            ["tests/browser"],
            f"{database_url}_browser",
            stdout=browser_output,
            stderr=subprocess.STDOUT,
        )
        statuses = []
        for name, arguments, url in (
            ("main", ["tests", "--ignore=tests/browser", "-n", workers, "--dist", "loadgroup"], database_url),
            ("SQLite", ["tests", "--ignore=tests/browser", "-m", "sqlite"], os.environ["SQLITE_DATABASE_URL"]),
        ):
            _name, process = run(name, arguments, url)
            statuses.append(verdict(name, process.wait()))
        statuses.append(verdict("browser", browser[1].wait()))
        browser_output.seek(0)
        sys.stdout.write("\n" + browser_output.read())
    return next((status for status in statuses if status), 0)


if __name__ == "__main__":
    sys.exit(main())
