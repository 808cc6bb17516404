"""Nothing typed is lost: the page editor autosaves and warns when another editor has the page open."""

import re

import pytest

from tests.factories import StandardPageFactory


@pytest.mark.django_db
def test_the_page_editor_autosaves_and_announces_other_editors(admin_client, home_page):
    page = StandardPageFactory(parent=home_page, title="À propos", slug="a-propos")
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    autosave = re.search(r'data-w-autosave-interval-value="(\d+)"', html)
    assert autosave and int(autosave.group(1)) > 0
    ping = re.search(r'data-w-session-interval-value="(\d+)"', html)
    assert ping and int(ping.group(1)) > 0
