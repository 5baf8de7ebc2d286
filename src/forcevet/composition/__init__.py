"""Force composition: which contributors fill which requirements, under the parties' constraints.

``read_case_problem`` and ``load_problem`` read requirements, offers and
constraints, checked against a case's vocabulary (there is no bundled
default); ``solve_composition`` returns the best composition or a plain-words
reason why there is none; ``trace_frontier`` returns the risk-versus-coverage
Pareto frontier. Risk is a mapping ISO3 -> [0, 1]. Coverage is in people: a
requirement's slot of P personnel is filled by one unit of at least P, or by
ceil(P / p) units of p from one offer, combined (problem.py).
"""

from forcevet.cases.vocabulary import Vocabulary
from forcevet.composition.greedy import GreedyComposition, compose_greedily
from forcevet.composition.infeasibility import Infeasibility, explain_infeasibility
from forcevet.composition.inputs import (
    load_constraints,
    load_offers,
    load_problem,
    load_requirements,
    load_risk,
    load_vocabulary,
    problem_files,
    read_case_problem,
    read_problem,
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
    problem_from_dict,
    problem_to_dict,
    units_per_slot,
    vocabulary_errors,
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

__all__ = [
    "DEFAULT_RISK",
    "Assignment",
    "CompositionProblem",
    "CompositionResult",
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
    "Veto",
    "Vocabulary",
    "compose_greedily",
    "explain_infeasibility",
    "find_violations",
    "load_constraints",
    "load_offers",
    "load_problem",
    "load_requirements",
    "load_risk",
    "load_vocabulary",
    "problem_files",
    "problem_from_dict",
    "problem_to_dict",
    "read_case_problem",
    "read_problem",
    "solve_composition",
    "summarise_composition",
    "trace_frontier",
    "units_per_slot",
    "vocabulary_errors",
]
