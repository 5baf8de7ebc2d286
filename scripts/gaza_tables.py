"""Print the Gaza ISF assessment before and after the official records, and without the
opinion piece (all its copies): the tables the README quotes.

Run: python scripts/gaza_tables.py [--article SEED] (from the repository, after `make demo`'s
install). It builds in-memory stores from the bundled case and data; nothing is written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from forcevet.assessment.engine import assess
from forcevet.cases.case import load_case, run_params
from forcevet.ingest.articles.reading import read_document
from forcevet.ingest.articles.service import IngestOptions, ingest_documents
from forcevet.ingest.lists.bundled import import_designation_lists
from forcevet.ingest.records.peacekeeping import import_bundled_peacekeeping
from forcevet.ingest.records.unga import import_bundled_votes
from forcevet.store.setup import init_store
from forcevet.store.store import open_store


def table(result: dict, title: str) -> None:
    print(f"\n{title}")
    print("| rank | candidate | coverage | mean | 90% interval | exceeds 0.4 | confidence | ACH |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for c in result["candidates"]:
        rank = c["rank"] if c["ranked"] else "insufficient evidence"
        ach = c["ach"].get("leading") or "does not discriminate"
        print(
            f"| {rank} | {c['id']} | {c['coverage']['share']:.1%} | {c['score']['mean']:.3f} | "
            f"{c['score']['p05']:.3f}-{c['score']['p95']:.3f} | "
            f"{c['exceeds_threshold']['words']} ({c['exceeds_threshold']['probability']:.0%}) | "
            f"{c['confidence']['level']} | {ach} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--article", type=Path, default=Path("../shared/seeds/isf-pakistan-opinion.txt")
    )
    args = parser.parse_args()
    for records in (False, True):
        with open_store("sqlite://", require_schema=False) as store, store.transaction():
            init_store(store)
            case_loaded = load_case(store, "gaza-isf", by="tables")
            case, loaded = case_loaded.case, case_loaded.evidence
            params = run_params(case, case.rubric)
            import_designation_lists(store, by="tables")
            if records:
                import_bundled_peacekeeping(store, by="tables")
                import_bundled_votes(store, by="tables")
            if args.article.is_file():
                document = read_document(str(args.article), args.article.read_bytes())
                ingest_documents(
                    store,
                    [document],
                    IngestOptions(
                        kind="opinion",
                        publisher="Gatestone Institute",
                        date="2025",
                        by="tables",
                        copy_of=loaded.source_ids["gatestone-pak-isf"],
                    ),
                )
            rubric = case.rubric
            label = "with the official records" if records else "before the official records"
            table(assess(store, rubric, params, by="tables"), f"Gaza ISF, {label}")
            if records:
                gatestone = loaded.source_ids["gatestone-pak-isf"]
                without = run_params(case, rubric, without_sources=(gatestone,))
                result = assess(store, rubric, without, by="tables")
                table(result, "... and without the Gatestone opinion piece (with its copy)")


if __name__ == "__main__":
    main()
