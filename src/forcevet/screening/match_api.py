"""Screening in the shape of OpenSanctions yente's ``/match`` API, for other systems.

A request names its queries by key, each an FtM-style entity: ``{"queries": {"q1":
{"schema": "Person", "properties": {"name": ["..."], "country": ["pk"]}}}}``; the
answer gives each key its results, best first, with score and explanation:
``{"responses": {"q1": {"status": 200, "results": [...], "total": {...}}}}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from forcevet.errors import InputError
from forcevet.model.countries import require_country
from forcevet.screening.queries import SCHEMATA, Query, ScreenResult

MAX_QUERIES = 100


def _strings(value: object, field: str) -> list[str]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise InputError("expected a list of strings", field=field)
    return [v.strip() for v in values if v.strip()]


def match_query(key: str, entity: Mapping[str, Any]) -> Query:
    """Return the query one entity of a /match request asks, or raise InputError naming
    the key and property at fault."""
    schema = entity.get("schema") or "LegalEntity"
    if schema not in SCHEMATA:
        raise InputError(
            f'unknown schema "{schema}"; use Person, Organization or LegalEntity',
            field=f"queries.{key}.schema",
        )
    properties = entity.get("properties") or {}
    if not isinstance(properties, Mapping):
        raise InputError("expected an object of properties", field=f"queries.{key}.properties")
    names = _strings(properties.get("name", []), f"queries.{key}.properties.name")
    names += _strings(properties.get("alias", []), f"queries.{key}.properties.alias")
    if not names:
        raise InputError("give at least one name", field=f"queries.{key}.properties.name")
    countries = _strings(properties.get("country", []), f"queries.{key}.properties.country")
    country = None
    if countries:
        from forcevet.model.ftm import country_code

        code = require_country(countries[0], field=f"queries.{key}.properties.country")
        country = country_code(code)
    return Query(names[0], str(schema), country, tuple(dict.fromkeys(names[1:])))


def match_queries(body: Mapping[str, Any]) -> dict[str, Query]:
    """Return the queries of a /match request by key, or raise InputError."""
    queries = body.get("queries")
    if not isinstance(queries, Mapping) or not queries:
        raise InputError('expected {"queries": {"q1": {"schema": ..., "properties": ...}}}')
    if len(queries) > MAX_QUERIES:
        raise InputError(f"at most {MAX_QUERIES} queries a request", field="queries")
    found = {}
    for key, entity in queries.items():
        if not isinstance(entity, Mapping):
            raise InputError("expected an entity object", field=f"queries.{key}")
        found[str(key)] = match_query(str(key), entity)
    return found


def match_response(query: Query, result: ScreenResult, threshold: float) -> dict[str, Any]:
    """Return one key's answer: its results (each a listing with its score, whether it
    passes the threshold, and why), as yente's /match gives them."""
    results = []
    for match in result.matches:
        record = match.to_json()
        candidate = match.candidate
        results.append(
            {
                "id": record["designation_id"],
                "caption": record["name"],
                "schema": "Person" if candidate.person else "Organization",
                "properties": {
                    "name": [n.name for n in candidate.names],
                    "program": [record["program"]] if record["program"] else [],
                    "authority": [record["authority"]],
                },
                "score": record["score"],
                "match": record["score"] >= threshold,
                "features": record["features"],
                "explanation": record["explanation"],
            }
            | record
        )
    return {
        "status": 200,
        "results": results,
        "total": {"value": len(results), "relation": "eq"},
        "query": {
            "schema": query.schema,
            "properties": {
                "name": [query.text, *query.aliases],
                "country": [query.country] if query.country else [],
            },
        },
    }
