"""The bundled Gaza ISF case from an empty store to a report, in one call."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from forcevet.assessment.engine import assess
from forcevet.assessment.runs import save_run
from forcevet.cases.case import load_case, run_params
from forcevet.cases.folder import CASES
from forcevet.errors import InputError
from forcevet.ingest.articles.reading import read_document
from forcevet.ingest.articles.service import IngestOptions, ingest_documents
from forcevet.ingest.lists.bundled import import_designation_lists
from forcevet.ingest.records.peacekeeping import import_bundled_peacekeeping
from forcevet.ingest.records.unga import import_bundled_votes
from forcevet.reports.case_report import write_case_report
from forcevet.screening.actors import screen_actors
from forcevet.store.setup import init_store
from forcevet.store.store import open_store


@dataclass(frozen=True)
class DemoResult:
    """Where the demo wrote its store and reports, and what it loaded."""

    db_url: str
    reports: list[Path]
    candidates: int
    sources: int
    claims: int
    run_id: str
    ranking: list[str]  # the ranked candidates, lowest risk first
    composition_status: str
    lists: list[str]
    screening_proposals: int
    article: str
    proposed: int
    accepted: int
    unranked: list[str]  # candidates with insufficient evidence to rank
    run_label: str = ""  # the run in one line: id, case, as-of day, plain


# The bundled case the demo runs, and its own record of the seed article, whose text
# the demo ingests: the ingested copy counts as that one source.
CASE = "gaza-isf"
SEED_SOURCE = "gatestone-pak-isf"

# The demo's store, and the file in which the demo lists what it wrote in a folder: the
# next run replaces those files and nothing else.
STORE = "forcevet.db"
MARKER = ".forcevet-demo"
MARKER_HEADER = (
    "# Files written by `forcevet demo`, one a line: its next run in this folder\n"
    "# replaces them. Other files make it refuse the folder (unless --force); a store\n"
    "# it did not write it never touches.\n"
)


def read_demo_files(out_dir: Path) -> set[str]:
    """Return the names of the files an earlier demo run wrote in ``out_dir`` (its marker).

    Only plain file names count: a line naming a path outside the folder is ignored.
    """
    marker = out_dir / MARKER
    if not marker.is_file() or marker.is_symlink():
        return set()
    names = (line.strip() for line in marker.read_text(encoding="utf-8").splitlines())
    return {n for n in names if n and not n.startswith(("#", ".")) and Path(n).name == n}


def _is_store_file(name: str) -> bool:
    """Whether ``name`` is the store or one of SQLite's files beside it (-wal, -shm)."""
    return name == STORE or name.startswith(f"{STORE}-")


def _file_state(path: Path) -> tuple[int, int]:
    status = path.lstat()
    return status.st_mtime_ns, status.st_size


def prepare_demo_folder(out_dir: Path, *, force: bool = False) -> dict[str, tuple[int, int]]:
    """Check that the demo may write into ``out_dir``, remove what its last run there
    wrote, and return the other files in it with their state (modified, size).

    Raises InputError (naming the file) when the folder holds a file the demo did not
    write, unless ``force``; and, even with ``force``, when it holds a store the demo did
    not create: `demo --out .` once replaced the analyst's own forcevet.db.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError("not a folder; --out names the folder to write into", path=str(out_dir))
    own = read_demo_files(out_dir)
    present = sorted(p.name for p in out_dir.iterdir()) if out_dir.exists() else []
    marker = out_dir / MARKER
    has_marker = marker.is_file() and not marker.is_symlink()
    foreign = [n for n in present if n not in own and not (n == MARKER and has_marker)]
    for name in foreign:
        if _is_store_file(name):
            raise InputError(
                "a store the demo did not create, which it never replaces (not even with "
                "--force): choose another --out folder",
                path=str(out_dir / name),
            )
        if (out_dir / name).is_symlink() or name == MARKER:
            raise InputError(
                "a link (or a folder named as the demo's list of files), which the demo "
                "would write through (not even with --force): choose another --out folder",
                path=str(out_dir / name),
            )
    if foreign and not force:
        raise InputError(
            f"the folder holds {len(foreign)} file(s) the demo did not write; choose an "
            "empty or new --out folder, or pass --force to write beside them",
            path=str(out_dir / foreign[0]),
        )
    for name in own:
        path = out_dir / name
        if path.is_file() or path.is_symlink():
            path.unlink()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where a folder must go, no permission
        raise InputError(f"cannot make the folder: {exc.strerror}", path=str(out_dir)) from None
    # Listed before the store exists, so that a run that fails leaves it recognisable.
    _write_marker(out_dir, [STORE])
    return {name: _file_state(out_dir / name) for name in foreign}


def record_demo_files(out_dir: Path, others: dict[str, tuple[int, int]]) -> list[str]:
    """List in the folder's marker every file the demo wrote there; return their names.

    ``others`` are the files that were there before (from prepare_demo_folder): one the
    demo overwrote (with --force) is its own now.
    """
    written = [
        path.name
        for path in sorted(out_dir.iterdir())
        if path.name != MARKER and not path.is_dir() and others.get(path.name) != _file_state(path)
    ]
    _write_marker(out_dir, written)
    return written


def _write_marker(out_dir: Path, names: list[str]) -> None:
    (out_dir / MARKER).write_text(MARKER_HEADER + "".join(f"{n}\n" for n in names), "utf-8")


def run_demo(
    out_dir: Path,
    *,
    article: Path | None = None,
    un_list: Path | None = None,
    by: str = "forcevet demo",
    samples: int = 10_000,
    seed: int = 0,
    force: bool = False,
) -> DemoResult:
    """Build a fresh store in ``out_dir`` from the bundled Gaza ISF case, assess every
    candidate, compose the force and write the reports.

    The same library calls as `case load`, `assess`, `compose` and `report`: the
    case is loaded as any case folder is, the run is its plain run (as of the
    case's date, with a fixed seed, so the same every time), and the report is
    the one `forcevet report` writes. ``article`` is the seed opinion article to
    ingest; without it, forcevet's own summary of that article (package data) is
    ingested, its claims marked as paraphrases. ``un_list`` is the UN Security
    Council's consolidated list (XML); without it, the bundled excerpt of it is
    imported.

    The folder must be empty, new, or one the demo wrote before: the files its
    last run listed in .forcevet-demo are replaced, so it always starts from an
    empty store. With ``force`` it also writes beside other files, but it never
    replaces a store it did not create (see prepare_demo_folder).
    """
    others = prepare_demo_folder(out_dir, force=force)
    url = f"sqlite:///{out_dir / STORE}"
    try:
        return _run_in(out_dir, url, article, un_list, by=by, samples=samples, seed=seed)
    finally:
        record_demo_files(out_dir, others)


def _run_in(
    out_dir: Path,
    url: str,
    article: Path | None,
    un_list: Path | None,
    *,
    by: str,
    samples: int,
    seed: int,
) -> DemoResult:
    """Return the demo's result, its store at ``url`` and its reports in ``out_dir``."""
    with open_store(url, require_schema=False) as store, store.transaction():
        init_store(store)
        loaded = load_case(store, CASE, by=by)
        case = loaded.case
        lists = import_designation_lists(store, by=by, un_list=un_list)
        import_bundled_peacekeeping(store, by=by)  # UN records for every candidate
        # UN votes for every candidate, beside the case's state parties
        import_bundled_votes(store, by=by, parties=case.state_parties())
        screening = screen_actors(store, by=by)  # loads the matcher once, about 6 s
        if article is not None:
            document = read_document(str(article), article.read_bytes())
        else:
            summary = resources.files("forcevet.data").joinpath(CASES, case.id, "seed-summary.txt")
            document = read_document("seed-summary.txt", summary.read_bytes())
        ingested = ingest_documents(
            store,
            [document],
            IngestOptions(
                kind="opinion",
                publisher="Gatestone Institute",
                date="2025",
                # nothing is accepted automatically: proposals wait for a reviewer
                paraphrase=article is None,
                by=by,
                copy_of=loaded.evidence.source_ids.get(SEED_SOURCE),
            ),
        )
        params = run_params(case, case.rubric, samples=samples, seed=seed)
        result = assess(store, case.rubric, params, by=by)
        save_run(store, result)
        written = write_case_report(
            store,
            case,
            result,
            out_dir,
            ingested_source_ids=[s["source"].id for s in ingested.sources],
        )
    ranking = [c["id"] for c in result["candidates"] if c["ranked"]]
    return DemoResult(
        url,
        written.paths,
        len(case.candidates),
        loaded.evidence.sources,
        loaded.evidence.claims,
        result["run"]["id"],
        ranking,
        written.composition_status or "not composed",
        [r.path for r in lists],
        len(screening.proposals),
        document.label,
        len(ingested.claims),
        sum(c.status.value == "accepted" for c in ingested.claims),
        [c["id"] for c in result["candidates"] if not c["ranked"]],
        written.run_label,
    )
