"""The web workspace (`forcevet serve`): pages and a JSON API over the same library as the CLI.

``create_app(settings)`` builds the application; nothing is created at import time,
so each test brings its own store.
"""

from __future__ import annotations

from forcevet.web.app import create_app

__all__ = ["create_app"]
