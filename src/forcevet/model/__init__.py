"""The domain: sources, actors, claims, designations and their grades. No I/O."""
