"""check_scheduled: quiet when publish_scheduled keeps up, one line per overdue item (and status 1) when it does not."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from site_core.models import StandardPage
from tests.factories import StandardPageFactory


def check():
    out, err = StringIO(), StringIO()
    try:
        call_command("check_scheduled", stdout=out, stderr=err)
    except CommandError as error:
        return False, err.getvalue(), str(error)
    return True, out.getvalue(), ""


@pytest.fixture
def page(home_page):
    return StandardPageFactory(parent=home_page, title="Budget participatif", slug="budget")


def test_nothing_scheduled_is_fine(page):
    ok, output, _ = check()
    assert ok and "No scheduled publication or expiry is overdue." in output


def test_a_revision_due_in_the_future_or_just_now_is_not_late(page):
    page.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(hours=1))
    page.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=5))
    assert check()[0]


def test_an_overdue_publication_is_reported_with_title_edit_url_and_lateness(page):
    page.title = "Budget participatif 2027"
    page.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(hours=2, minutes=30))
    ok, output, summary = check()
    assert not ok
    assert "OVERDUE to go live: “Budget participatif 2027”" in output
    assert f"http://testserver/admin/pages/{page.pk}/edit/" in output
    assert "2 h 30 min late" in output or "2 h 29 min late" in output
    assert "1 scheduled item(s) overdue" in summary and "publish_scheduled" in summary


def test_an_overdue_expiry_is_reported(page):
    StandardPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(days=1, minutes=1))
    ok, output, _ = check()
    assert not ok
    assert "OVERDUE to expire: “Budget participatif”" in output and "1 d 1 min late" in output


def test_once_publish_scheduled_has_run_nothing_is_late(page):
    page.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(hours=1))
    StandardPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() + datetime.timedelta(days=1))
    assert not check()[0]
    call_command("publish_scheduled", stdout=StringIO())
    assert check()[0]
