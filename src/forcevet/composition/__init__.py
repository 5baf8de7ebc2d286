"""Force composition: which contributors fill which requirements, under the parties' constraints.

``load_problem`` reads requirements, offers and constraints (the bundled Gaza
ISF scenario by default); ``solve_composition`` returns the best composition or
a plain-words reason why there is none; ``trace_frontier`` returns the
risk-versus-coverage Pareto frontier. Risk is a mapping ISO3 -> [0, 1].
"""

from forcevet.composition.greedy import GreedyComposition, compose_greedily
from forcevet.composition.infeasibility import Infeasibility, explain_infeasibility
from forcevet.composition.inputs import (
    load_constraints,
    load_offers,
    load_problem,
    load_requirements,
    load_risk,
)
from forcevet.composition.pareto import Frontier, FrontierPoint, trace_frontier
from forcevet.composition.problem import (
    DEFAULT_RISK,
    CompositionProblem,
    Constraints,
    Offer,
    RegionalMinimum,
    Requirement,
    Veto,
)
from forcevet.composition.rules import find_violations
from forcevet.composition.solve import (
    Assignment,
    CompositionResult,
    Contribution,
    Objective,
    Shortfall,
    SolveStatus,
    solve_composition,
    summarise_composition,
)
from forcevet.composition.vocabulary import Condition, Task, label_unit_type

__all__ = [
    "DEFAULT_RISK",
    "Assignment",
    "CompositionProblem",
    "CompositionResult",
    "Condition",
    "Constraints",
    "Contribution",
    "Frontier",
    "FrontierPoint",
    "GreedyComposition",
    "Infeasibility",
    "Objective",
    "Offer",
    "RegionalMinimum",
    "Requirement",
    "Shortfall",
    "SolveStatus",
    "Task",
    "Veto",
    "compose_greedily",
    "explain_infeasibility",
    "find_violations",
    "label_unit_type",
    "load_constraints",
    "load_offers",
    "load_problem",
    "load_requirements",
    "load_risk",
    "solve_composition",
    "summarise_composition",
    "trace_frontier",
]
