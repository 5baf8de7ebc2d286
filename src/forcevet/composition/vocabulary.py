"""The vocabulary of force composition: unit types in words, tasks and offers' conditions.

Tasks and conditions are closed sets, because a condition only protects a
contributor if it names a task the requirements use: a misspelt task would
silently let a unit be assigned to what its country refused.
"""

from __future__ import annotations

from enum import StrEnum

UNIT_LABELS = {
    "infantry_battalion": ("infantry battalion", "infantry battalions"),
    "formed_police_unit": ("formed police unit", "formed police units"),
    "engineer_company": ("engineer company", "engineer companies"),
    "level2_hospital": ("level-2 hospital", "level-2 hospitals"),
    "aviation_unit": ("aviation unit", "aviation units"),
    "logistics_company": ("logistics company", "logistics companies"),
    "police_training_team": ("police training team", "police training teams"),
    "medical_unit": ("medical unit", "medical units"),
    "signals_company": ("signals company", "signals companies"),
}


def label_unit_type(unit_type: str, units: int = 1) -> str:
    """Return the unit type in words, singular for one unit and plural otherwise."""
    singular, plural = UNIT_LABELS.get(unit_type, (f"{unit_type} unit", f"{unit_type} units"))
    return singular if units == 1 else plural


class Task(StrEnum):
    """A task a requirement asks its units to accept; offers' conditions may refuse it."""

    DISARMAMENT_SUPPORT = "disarmament_support"
    COMBAT = "combat"
    POLICE_TRAINING = "police_training"
    CROWD_CONTROL = "crowd_control"
    BORDER_SECURITY = "border_security"

    @property
    def meaning(self) -> str:
        """Return what the task involves."""
        return TASK_MEANINGS[self]


TASK_MEANINGS = {
    Task.DISARMAMENT_SUPPORT: "support the disarmament and demilitarisation of armed groups",
    Task.COMBAT: "combat, or confronting armed groups (peace enforcement)",
    Task.POLICE_TRAINING: "train and mentor local police",
    Task.CROWD_CONTROL: "public order and crowd control",
    Task.BORDER_SECURITY: "secure borders and crossings",
}


class Condition(StrEnum):
    """A condition a contributor attaches to its offer."""

    NO_DISARMAMENT_TASKS = "no_disarmament_tasks"
    NO_COMBAT = "no_combat"
    UNSC_MANDATE_REQUIRED = "unsc_mandate_required"

    @property
    def meaning(self) -> str:
        """Return the condition in words, as used in explanations."""
        return CONDITION_MEANINGS[self]

    @property
    def refused_tasks(self) -> frozenset[Task]:
        """Return the tasks a unit under this condition is never assigned to."""
        return REFUSED_TASKS.get(self, frozenset())


CONDITION_MEANINGS = {
    Condition.NO_DISARMAMENT_TASKS: "refusal of disarmament tasks",
    Condition.NO_COMBAT: "refusal of combat",
    Condition.UNSC_MANDATE_REQUIRED: "demand for a UN Security Council mandate",
}
REFUSED_TASKS = {
    Condition.NO_DISARMAMENT_TASKS: frozenset({Task.DISARMAMENT_SUPPORT}),
    Condition.NO_COMBAT: frozenset({Task.COMBAT}),
}
