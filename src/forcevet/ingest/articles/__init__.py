"""From articles and statements to proposed claims: reading, entities, dates, predicates."""
