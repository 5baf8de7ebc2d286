from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from forcevet.cases.folder import read_case_folder
from forcevet.ingest.lists.ftm import import_ftm
from forcevet.ingest.scenario import load_scenario
from forcevet.model.actors import Actor, ActorKind, Identifier, clean_name
from forcevet.model.ftm import actor_to_entity, entity_to_actor
from forcevet.reports.ftm_export import export_entities, write_ftm
from forcevet.store.setup import init_store
from forcevet.store.store import Store, open_store

# Names as forcevet stores them: cleaned the way FtM cleans text.
names = (
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=24)
    .map(clean_name)
    .filter(bool)
)
actors = st.builds(
    Actor,
    id=st.from_regex(r"[a-z][a-z0-9-]{2,20}", fullmatch=True),
    kind=st.sampled_from(list(ActorKind)),
    name=names,
    aliases=st.lists(names, max_size=4, unique=True).map(tuple),
    country=st.none() | st.sampled_from(["PAK", "IDN", "XKX", "PSE", "TUR"]),
    parent_id=st.none() | st.sampled_from(["PAK", "pml-n"]),
    identifiers=st.lists(
        st.builds(
            Identifier,
            scheme=st.sampled_from(["un-sc", "wikidata"]),
            value=st.from_regex(r"[A-Za-z0-9.]{1,10}", fullmatch=True),
        ),
        max_size=2,
        unique=True,
    ).map(lambda xs: tuple(sorted(xs, key=lambda i: (i.scheme, i.value)))),
)


@settings(max_examples=200, deadline=None)
@given(actor=actors)
def test_an_actor_survives_the_trip_to_ftm_and_back(actor: Actor) -> None:
    expected = Actor(
        actor.id,
        actor.kind,
        actor.name,
        tuple(sorted(actor.aliases)),
        actor.country,
        actor.parent_id,
        actor.identifiers,
    )
    entity = actor_to_entity(actor)
    # Through JSON, as a file would carry it.
    from followthemoney import model

    again = entity_to_actor(model.get_proxy(json.loads(json.dumps(entity.to_dict()))))
    assert again == expected


def _comparable(entities: list[dict]) -> tuple[set, set, set]:
    """Names/aliases/countries of actors, links by their ends and role, designations."""
    actors_, links, other = set(), set(), set()
    for e in entities:
        props = e["properties"]
        if e["schema"] in ("PublicBody", "Organization", "Person"):
            actors_.add(
                (
                    e["id"],
                    e["schema"],
                    tuple(props.get("name", [])),
                    tuple(sorted(props.get("alias", []))),
                    tuple(props.get("country", [])),
                    tuple(props.get("parent", [])),
                )
            )
        elif e["schema"] == "UnknownLink":
            links.add(
                (
                    props["subject"][0],
                    props["object"][0],
                    props["role"][0],
                    tuple(props.get("date", [])),
                    tuple(props.get("startDate", [])),
                    tuple(props.get("endDate", [])),
                    props["summary"][0],
                    tuple(props.get("status", [])),
                )
            )
        else:
            other.add((e["schema"], json.dumps(props, sort_keys=True)))
    return actors_, links, other


def test_the_scenario_survives_export_and_import_into_an_empty_store(
    store: Store, tmp_path: Path
) -> None:
    with store.transaction():
        load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
    first = list(export_entities(store))
    path = tmp_path / "export.ftm.json"
    with path.open("w", encoding="utf-8") as handle:
        write_ftm(store, handle)
    with open_store("sqlite://", require_schema=False) as empty, empty.transaction():
        init_store(empty)
        report = import_ftm(empty, path, by="test")
        second = list(export_entities(empty))
    assert report.claims == sum(e["schema"] == "UnknownLink" for e in first) > 30
    assert report.sources == 11
    assert _comparable(second) == _comparable(first)
