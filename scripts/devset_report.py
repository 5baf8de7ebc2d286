"""Print how ingest does on the labelled development set (tests/devset/*.yaml).

Run: python scripts/devset_report.py [--split dev|holdout|all] [--fast] [--json] [--summary]
(from the repository). It builds an in-memory store from forcevet's countries, the UN
Security Council list in ../shared when it is there (the output says when it is not) and the
files' actors, ingests every article and prints recall, precision and hearsay accuracy per
split, then each article's missed labels and false proposals. The holdout split is for
reporting only: rules are never tuned on it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from forcevet.ingest.articles.evaluate import (
    SPLITS,
    Evaluation,
    Figures,
    check_devset,
    devset_files,
    evaluate,
    format_breakdown,
    format_figures,
    load_devset,
)

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "tests" / "devset"
UN_LIST = ROOT.parent / "shared" / "data" / "un-sc" / "consolidated-2020-03-20.xml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--fast", action="store_true", help="the rule-only ingest path")
    parser.add_argument("--json", action="store_true", help="print the evaluation as JSON")
    parser.add_argument("--summary", action="store_true", help="figures only, no breakdown")
    parser.add_argument(
        "--by-file", action="store_true", help="also the figures of each file and split"
    )
    parser.add_argument("--devset", type=Path, default=DEVSET, help="directory of *.yaml")
    parser.add_argument("--un-list", type=Path, default=UN_LIST, help="UN SC list (XML)")
    args = parser.parse_args()

    devset = load_devset(devset_files(args.devset))
    problems = check_devset(devset)
    if problems:
        raise SystemExit("the development set has problems:\n" + "\n".join(problems))
    evaluation = evaluate(devset, un_list=args.un_list, fast=args.fast)
    if args.json:
        data = evaluation.as_dict()
        if args.split != "all":
            data["articles"] = [a for a in data["articles"] if a["split"] == args.split]
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    splits = (*SPLITS, "all") if args.split == "all" else (args.split,)
    articles = len([a for a in devset.articles if args.split in ("all", a.split)])
    print(f"{articles} articles from {len(devset_files(args.devset))} files\n")
    print(format_figures(evaluation, splits))
    if args.by_file:
        print()
        grouped = by_file(evaluation, args.devset)
        table = format_figures(grouped, tuple(grouped.splits))
        print(table.replace("| split |", "| file and split |", 1))
    if not args.summary:
        print()
        print(format_breakdown(evaluation, args.split))


def by_file(evaluation: Evaluation, folder: Path) -> Evaluation:
    """Return the evaluation's counts regrouped by file and split (``unseen2.yaml holdout``),
    so a batch of articles added later is read apart from the ones the rules were shaped on."""
    where = {
        article.id: path.name
        for path in devset_files(folder)
        for article in load_devset([path]).articles
    }
    groups: dict[str, Figures] = {}
    for score in evaluation.articles:
        key = f"{where[score.article.id]} {score.article.split}"
        groups.setdefault(key, Figures()).add(score.figures)
    rows = {key: groups[key] for key in sorted(groups)}
    return Evaluation(rows, evaluation.articles, [])


if __name__ == "__main__":
    main()
