"""The evidence base: SQLAlchemy Core tables, one query module per model, Alembic migrations."""
