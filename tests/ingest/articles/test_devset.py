"""The labelled development set: every file valid, the scorer's matching, and the figures.

The validation tests hold now. The quality test measures ingest on real reporting nobody
tuned it to; run it with ``-s`` to see the figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from forcevet.ingest.articles.evaluate import (
    NEW,
    Article,
    Devset,
    Label,
    Proposal,
    Who,
    check_devset,
    count_sentences,
    devset_files,
    evaluate,
    format_breakdown,
    format_figures,
    load_devset,
    score_article,
)
from forcevet.model.countries import get_country
from forcevet.model.vocabulary import load_predicates
from tests.conftest import SHARED

DEVSET = Path(__file__).resolve().parents[2] / "devset"
UN_LIST = SHARED / "data" / "un-sc" / "consolidated-2020-03-20.xml"


@pytest.fixture(scope="module")
def devset() -> Devset:
    return load_devset(devset_files(DEVSET))


def _refs(label: Label) -> list[str]:
    return [r for r in (label.subject, label.object, label.speaker, label.reported_by) if r]


def test_the_isf_file_is_there_with_enough_real_articles(devset: Devset) -> None:
    isf = [a for a in devset.articles if a.path == "isf.yaml"]
    assert len(isf) >= 22
    assert len({a.publisher for a in isf}) >= 20


def test_the_checker_finds_nothing_wrong(devset: Devset) -> None:
    assert check_devset(devset) == []


def test_article_ids_are_unique_across_files(devset: Devset) -> None:
    ids = [a.id for a in devset.articles]
    assert len(ids) == len(set(ids))


def test_every_article_has_a_web_address_and_a_publisher(devset: Devset) -> None:
    for article in devset.articles:
        assert article.url.startswith(("https://", "http://")), article.id
        assert article.publisher.strip(), article.id


def test_every_text_is_at_most_two_sentences(devset: Devset) -> None:
    for article in devset.articles:
        assert 1 <= count_sentences(article.text) <= 2, article.id


def test_every_predicate_is_in_the_vocabulary(devset: Devset) -> None:
    vocabulary = load_predicates()
    for article in devset.articles:
        for label in article.claims:
            assert label.predicate in vocabulary, (article.id, label.predicate)


def test_every_actor_is_a_country_a_defined_key_or_new(devset: Devset) -> None:
    for article in devset.articles:
        for ref in (r for label in article.claims for r in _refs(label)):
            if ref.startswith(NEW) or ref in devset.actors or ref == "anonymous":
                continue
            country = get_country(ref)
            assert country is not None and country.alpha_3 == ref, (article.id, ref)


def test_hearsay_labels_name_their_speaker(devset: Devset) -> None:
    for article in devset.articles:
        for label in article.claims:
            if label.reported_by is not None:
                assert label.speaker is not None, article.id


def test_about_half_the_articles_are_held_out(devset: Devset) -> None:
    held = sum(a.split == "holdout" for a in devset.articles)
    assert 0.35 <= held / len(devset.articles) <= 0.65


def test_the_checker_reports_each_kind_of_mistake(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        """
articles:
  - {id: a, url: www.example.com, publisher: P, date: "2025-13-01", kind: blog,
     split: train, text: "One. Two. Three.",
     claims: [{subject: XYZ, predicate: likes, object: nowhere, value: null,
               polarity: maybe, speaker: null, reported_by: someone, date: soon}]}
  - {id: a, url: https://example.com, publisher: P, date: "2025", kind: news,
     split: dev, text: "One.", claims: []}
""",
        encoding="utf-8",
    )
    problems = "\n".join(check_devset(load_devset([tmp_path / "bad.yaml"])))
    for expected in (
        "id used twice",
        "not a web address",
        'kind "blog"',
        'split "train"',
        "3 sentences",
        'predicate "likes"',
        'polarity "maybe"',
        'subject "XYZ"',
        'object "nowhere"',
        'reported_by "someone"',
    ):
        assert expected in problems
    assert "2025-13-01" in problems and '"soon"' in problems


def _article(*labels: Label) -> Article:
    return Article("a", "https://x.org", "P", "2025-11-30", "news", "dev", "Text.", labels, "f")


def _label(
    subject: str, target: str | None, *, speaker: str | None = None, by: str | None = None
) -> Label:
    speaker = speaker or by
    return Label(subject, "offers_units", target, None, "affirms", speaker, by, "2025-11-29")


def _who(actor_id: str, *names: str) -> Who:
    shown = f"{NEW}{names[0]}" if names else actor_id
    return Who(actor_id, bool(names), frozenset(n.casefold() for n in names), shown)


def _proposal(
    subject: Who, target: Who | None, *, date: str = "2025-11-29", heard: bool = False
) -> Proposal:
    return Proposal(subject, "offers_units", target, "affirms", date, heard)


def test_a_proposal_matches_one_label_on_every_field() -> None:
    article = _article(_label("PAK", "isf"), _label("PAK", "isf"))
    score = score_article(article, [_proposal(_who("PAK"), _who("isf"))])
    assert (score.figures.matched, len(score.missed), score.false) == (1, 1, [])


def test_a_wrong_date_misses_but_counts_without_dates() -> None:
    score = score_article(
        _article(_label("PAK", "isf")), [_proposal(_who("PAK"), _who("isf"), date="2025-11-30")]
    )
    assert (score.figures.matched, score.figures.matched_undated) == (0, 1)
    assert score.false == ["PAK offers_units isf @ 2025-11-30"]


def test_new_names_match_proposed_actors_by_folded_name_only() -> None:
    article = _article(_label("new:Ishaq Dar", "isf"))
    assert score_article(article, [_proposal(_who("p1", "ishaq dar"), _who("isf"))]).figures.matched
    known = _proposal(_who("Ishaq Dar"), _who("isf"))  # an id, not a proposed actor
    assert not score_article(article, [known]).figures.matched


def test_hearsay_is_scored_on_proposals_with_the_right_triple() -> None:
    article = _article(
        _label("IDN", "isf", by="new:Dar"),  # Dar reports Indonesia's offer: hearsay
        _label("PAK", "isf", speaker="new:Ishaq Dar"),  # Pakistan's own minister: first-hand
        _label("JOR", "isf"),  # the text asserts it: no speaker, not a hearsay case
    )
    proposals = [_proposal(_who(c), _who("isf")) for c in ("IDN", "PAK", "JOR")]
    score = score_article(article, proposals)
    assert (score.figures.hearsay_cases, score.figures.hearsay_right) == (2, 1)
    assert score.figures.matched == 2


@pytest.fixture(scope="module")
def evaluation(devset: Devset) -> Any:
    found = evaluate(devset, un_list=UN_LIST if UN_LIST.exists() else None)
    print(f"\n{format_figures(found)}\n\n{format_breakdown(found)}")  # noqa: T201  (-s)
    return found


@pytest.mark.xfail(
    strict=True,
    reason="issue 12's targets are not met: on the whole set recall 43% and precision 71% "
    "(the dev split 72% and 94%, the holdout 29% and 55%); README, Measured",
)
def test_ingest_reads_the_development_set_as_an_analyst_would(evaluation: Any) -> None:
    """Recall >= 80%, precision >= 85% and hearsay told apart in >= 90% of the cases."""
    figures = evaluation.splits["all"].as_dict()
    assert (figures["recall"] or 0) >= 0.80
    assert (figures["precision"] or 0) >= 0.85
    assert (figures["hearsay"] or 0) >= 0.90


# What was last measured, less a margin: a fall below it is a regression. Measured: dev
# 72% / 94% / 97% (38/39), holdout 29% / 55% / 77% (20/26); the holdout now holds 168 labels
# (31 in unseen.yaml and 51 in unseen2.yaml, both labelled before ingest ran on them), so its
# floors are set from that measure.
FLOORS = {
    "dev": {"recall": 0.68, "precision": 0.88, "hearsay": 0.92},
    "holdout": {"recall": 0.26, "precision": 0.50, "hearsay": 0.70},
}


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_ingest_holds_what_it_reached_on_each_split(evaluation: Any, split: str) -> None:
    figures = evaluation.splits[split].as_dict()
    for name, floor in FLOORS[split].items():
        assert (figures[name] or 0) >= floor, f"{split} {name}: {figures[name]} < {floor}"
