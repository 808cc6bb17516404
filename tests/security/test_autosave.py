"""Nothing typed is lost: Wagtail's autosave and its concurrent-editing warnings stay on in every environment."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import StandardPageFactory

# Wagtail 7.4's defaults (wagtail/admin/views/generic/mixins.py and admin/ui/editing_sessions.py): 0 turns them off.
AUTOSAVE_DEFAULT = 500
PING_DEFAULT = 10_000
SETTINGS_DIR = Path(settings.BASE_DIR) / "site_core" / "settings"


def test_no_environment_turns_autosave_or_editing_sessions_off():
    """Read, not imported: production settings need secrets to import."""
    for module in sorted(SETTINGS_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id in (
                        "WAGTAIL_AUTOSAVE_INTERVAL",
                        "WAGTAIL_EDITING_SESSION_PING_INTERVAL",
                    ):
                        value = ast.literal_eval(node.value)
                        assert isinstance(value, int) and value > 0, f"{module.name} sets {target.id} = {value!r}"


def test_active_settings_keep_them_on():
    assert getattr(settings, "WAGTAIL_AUTOSAVE_INTERVAL", AUTOSAVE_DEFAULT) > 0
    assert getattr(settings, "WAGTAIL_EDITING_SESSION_PING_INTERVAL", PING_DEFAULT) > 0


@pytest.mark.django_db
def test_the_page_editor_autosaves_and_announces_other_editors(admin_client, home_page):
    page = StandardPageFactory(parent=home_page, title="À propos", slug="a-propos")
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    autosave = re.search(r'data-w-autosave-interval-value="(\d+)"', html)
    assert autosave and int(autosave.group(1)) > 0
    ping = re.search(r'data-w-session-interval-value="(\d+)"', html)
    assert ping and int(ping.group(1)) > 0
