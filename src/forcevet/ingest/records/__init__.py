"""Importers of official records: datasets that answer one question for every country."""
