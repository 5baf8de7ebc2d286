"""Settings: the only place forcevet reads the environment."""

from __future__ import annotations

import getpass

from pydantic_settings import BaseSettings, SettingsConfigDict


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

    user: str = _default_user()
    """Recorded as the author of every write unless --by says otherwise."""

    @property
    def db_url(self) -> str:
        """Return the store's SQLAlchemy URL, turning a bare path into a SQLite URL."""
        if "://" in self.db:
            return self.db
        return f"sqlite:///{self.db}"
