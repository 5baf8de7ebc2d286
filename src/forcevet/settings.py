"""Settings: the only place forcevet reads the environment."""

from __future__ import annotations

import getpass

from pydantic_settings import BaseSettings, SettingsConfigDict

# Seconds a command waits for another command's writing to finish before giving up.
# An ingest keeps the store's write lock while it reads its articles, which takes
# seconds per article, so the wait is long enough for a few of them.
BUSY_TIMEOUT = 60.0


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in some containers
        return "unknown"


class Settings(BaseSettings):
    """Where the store lives and who is working; read from FORCEVET_* variables."""

    model_config = SettingsConfigDict(env_prefix="FORCEVET_")

    db: str = "sqlite:///forcevet.db"
    """Any SQLAlchemy URL; a bare file path means a SQLite file."""

    busy_timeout: float = BUSY_TIMEOUT
    """Seconds to wait for another command's writing to finish (SQLite) before giving up."""

    user: str = _default_user()
    """Recorded as the author of every write unless --by says otherwise."""

    secret_key: str | None = None
    """Signs the web workspace's session cookies (forcevet serve). Unset, each server
    process makes its own at start, and sessions end when it stops; set it to the same
    value on every server sharing a store."""

    secure_cookies: bool = False
    """Send the session cookie over HTTPS only: set it when the workspace is served
    behind a TLS proxy (forcevet serve itself speaks plain HTTP)."""

    @property
    def db_url(self) -> str:
        """Return the store's SQLAlchemy URL, turning a bare path into a SQLite URL."""
        if "://" in self.db:
            return self.db
        return f"sqlite:///{self.db}"
