"""Every `import` subcommand is there in a fresh process, whichever module declares it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FORCEVET = Path(sys.executable).parent / "forcevet"


def test_import_lists_every_format_in_a_fresh_process() -> None:
    shown = subprocess.run(
        [str(FORCEVET), "import", "--help"], capture_output=True, text=True, check=False
    )
    assert shown.returncode == 0, shown.stderr
    for name in ("ftm", "un-sc", "designations", "peacekeeping", "unga-votes"):
        assert name in shown.stdout, name
