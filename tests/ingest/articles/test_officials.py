"""An official the store knows speaks for the state: first-hand, even by a short surname."""

from __future__ import annotations

from forcevet.ingest.articles.reading import read_document
from forcevet.ingest.articles.service import IngestOptions, ingest_documents
from forcevet.store.store import Store

TEXT = (
    "Pakistan's foreign minister Ishaq Dar spoke to reporters in Islamabad.\n\n"
    "Dar added that Pakistan was ready for peacekeeping but not for peace enforcement.\n\n"
    "Dar said Indonesia would not take part in disarming Hamas.\n"
)


def test_a_known_officials_surname_speaks_for_his_state(scenario_store: Store) -> None:
    """The bundled case holds Ishaq Dar as Pakistan's; "Dar" (three letters) is him, so
    his words on Pakistan are first-hand and on Indonesia hearsay reported by him."""
    with scenario_store.transaction():
        report = ingest_documents(
            scenario_store,
            [read_document("officials.txt", TEXT.encode())],
            IngestOptions(kind="wire", date="2026-01-15", by="test"),
        )
    reservations = {
        c.subject_id: c for c in report.claims if c.predicate == "states_reservation_on_mandate"
    }
    assert set(reservations) == {"PAK", "IDN"}
    assert not reservations["PAK"].reported and reservations["PAK"].reported_by_id == "ishaq-dar"
    assert reservations["IDN"].reported and reservations["IDN"].reported_by_id == "ishaq-dar"


def test_a_speaker_the_parser_hangs_on_a_name_still_reports(scenario_store: Store) -> None:
    """The model parses "..., a US advisor told Reuters" as a relative clause of the last
    state named; the advisor still reports the five states' willingness (hearsay)."""
    text = (
        "Among the countries that have expressed willingness to join the force are Indonesia, "
        "the United Arab Emirates, Egypt, Qatar, and Azerbaijan, a US advisor told Reuters on "
        "the condition of anonymity.\n"
    )
    with scenario_store.transaction():
        report = ingest_documents(
            scenario_store,
            [read_document("advisor.txt", text.encode())],
            IngestOptions(kind="wire", date="2025-10-24", by="test"),
        )
    offers = [c for c in report.claims if c.predicate == "offers_units"]
    assert {c.subject_id for c in offers} >= {"IDN", "EGY", "QAT", "AZE"}
    assert all(c.reported for c in offers)
    assert not any(c.predicate == "states_condition" for c in report.claims)
