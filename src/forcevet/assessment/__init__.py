"""Assessment: one rubric applied to every candidate, with uncertainty, ACH and explanations."""
