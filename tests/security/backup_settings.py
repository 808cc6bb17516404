"""Test settings for the commands that test_backup_restore.py runs in subprocesses: each gets its own media folder."""

import os
from pathlib import Path

from site_core.settings.test import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["PACTE_BACKUP_TEST_MEDIA_ROOT"])
