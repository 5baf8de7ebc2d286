"""Importers of entity and designation lists."""
