"""Search at scale: a generated multilingual library, Whoosh against SQLite FTS5 on the same text.

    python -m benchmarks.bench_search [--articles N] [--queries Q] [--keep DIR]

Builds a real library (SQLite through the store, then the index through the library's own
rebuild, the bulk path of ``archive-browser reindex``), and prints, for each kind of query,
p50 and p95 latency of ``Library.search`` (hits, snippets for the top 20, facets), bulk
indexing speed, index size, time to the first result after opening, and peak memory; then
the same for an FTS5 table over the same articles (``unicode61``, no stemming, no fuzzy).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TypeVar

from benchmarks.corpus import Corpus
from benchmarks.gauge import gauge_line
from desktop_app.core import Library
from desktop_app.core.search.searchindex import SearchIndex
from desktop_app.core.store import Store

KINDS = ("one term", "two terms", "phrase", "prefix", "fuzzy", "field + date range")
# Queries are drawn from languages written with spaces, so both engines get questions
# they can answer (FTS5's unicode61 cannot cut Chinese or Japanese into words).
_QUERY_LANGUAGES = ("en", "fr", "de", "es", "it", "ru", "pt", "nl")


PHASES = ("database", "index", "search", "incremental", "fts-index", "fts-search")
QUERIES_FILE = "bench-queries.json"
_Item = TypeVar("_Item")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, metavar="N")
    parser.add_argument("--queries", type=int, default=60, metavar="Q", help="per kind (50+)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the library here, keep it")
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        _PHASE[args.phase](args.keep, args.articles)
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        run(folder, args.articles, max(args.queries, 50))
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


@dataclass
class Queries:
    """Each kind's queries, in the library's syntax and in FTS5's (None: FTS5 cannot)."""

    ours: dict[str, list[str]]
    fts: dict[str, list[tuple[str, str, tuple[str, ...]] | None]]


def run(folder: Path, count: int, per_kind: int) -> None:
    """Build, measure and print everything; each phase in a process of its own, so each
    phase's peak memory is its own (the kernel's maximum resident set of that process)."""
    _print_machine(count)
    _run_phase("database", folder, count)
    queries = _queries(folder, Corpus(), per_kind)
    (folder / QUERIES_FILE).write_text(json.dumps(asdict(queries)), "utf-8")
    for phase in PHASES[1:]:
        _run_phase(phase, folder, count)
    print(f"at the end, {gauge_line()}")


def _run_phase(phase: str, folder: Path, count: int) -> None:
    command = [sys.executable, "-m", "benchmarks.bench_search", "--phase", phase]
    sys.stdout.flush()
    subprocess.run(  # noqa: S603 — our own benchmark module, with our own arguments.
        [*command, "--keep", str(folder), "--articles", str(count)], check=True
    )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _database_phase(folder: Path, count: int) -> None:
    started = time.perf_counter()
    _write_database(folder, Corpus(), count)
    print(f"database written: {count} articles in {time.perf_counter() - started:.1f} s")


def _index_phase(folder: Path, count: int) -> None:
    started = time.perf_counter()
    with Library(folder, workers=1):  # Finds no index and rebuilds it: the bulk path.
        elapsed = time.perf_counter() - started
    print(
        f"bulk indexing (rebuild from the database): {count / elapsed:.0f} articles/s "
        f"({elapsed:.1f} s), peak memory {_peak_mb():.0f} MB"
    )
    print(f"index size: {_size(folder / 'index') / 2**20:.0f} MB (no text stored)")


def _load_queries(folder: Path) -> Queries:
    data = json.loads((folder / QUERIES_FILE).read_text("utf-8"))
    fts = {
        kind: [None if q is None else (q[0], q[1], tuple(q[2])) for q in queries]
        for kind, queries in data["fts"].items()
    }
    return Queries(data["ours"], fts)


def _print_machine(count: int) -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"articles: {count}, SQLite {sqlite3.sqlite_version}")
    print(f"at the start, {gauge_line()}")


def _write_database(folder: Path, corpus: Corpus, count: int) -> None:
    rng = random.Random(7)
    store = Store(folder / "library.sqlite3")
    articles = corpus.articles(count)
    try:
        for _ in range(0, count, 1000):
            with store.transaction():
                for extracted in _take(articles, 1000):
                    article_id = store.add_article(extracted)
                    tags = corpus.tags_for(rng)
                    if tags:
                        store.set_tags(article_id, tags)
                    if rng.random() < 0.03:
                        store.set_bookmarked(article_id, True)
    finally:
        store.close()


def _take(items: Iterator[_Item], n: int) -> Iterator[_Item]:
    yield from itertools.islice(items, n)


# Queries


def _queries(folder: Path, corpus: Corpus, per_kind: int) -> Queries:
    rng = random.Random(11)
    db = sqlite3.connect(folder / "library.sqlite3")
    ours: dict[str, list[str]] = {kind: [] for kind in KINDS}
    fts: dict[str, list[tuple[str, str, tuple[str, ...]] | None]] = {k: [] for k in KINDS}
    sites = db.execute("SELECT site_name, count(*) FROM articles GROUP BY site_name").fetchall()
    for _ in range(per_kind):
        language = rng.choice(_QUERY_LANGUAGES)
        words = corpus.vocabularies[language].words
        one, two = words[rng.randint(20, 3000)], words[rng.randint(20, 3000)]
        ours["one term"].append(one)
        fts["one term"].append((_quoted(one), "", ()))
        ours["two terms"].append(f"{one} {two}")
        fts["two terms"].append((f"{_quoted(one)} {_quoted(two)}", "", ()))
        first, second = _adjacent_words(db, rng)
        ours["phrase"].append(f'"{first} {second}"')
        fts["phrase"].append((f'"{first} {second}"', "", ()))
        stem = next(w for w in _words_from(words, rng, 50, 3000) if len(w) >= 6)[:4]
        ours["prefix"].append(f"{stem}*")
        fts["prefix"].append((f"{_quoted(stem)}*", "", ()))
        target = next(w for w in _words_from(words, rng, 50, 3000) if len(w) >= 6)
        ours["fuzzy"].append(f"{_misspelt(target, rng)}~")
        fts["fuzzy"].append(None)
        start = rng.randint(2005, 2020)
        end = start + rng.randint(1, 5)
        span, dates = f"{start}..{end}", (f"{start}", f"{end}-12-31")
        one = words[rng.randint(5, 300)]  # Frequent enough to meet the field and the dates.
        if rng.random() < 0.5:
            ours["field + date range"].append(f"title:{one} published:{span}")
            where = " AND a.published BETWEEN ? AND ?"
            fts["field + date range"].append((f"title : {_quoted(one)}", where, dates))
        else:
            site = rng.choice(sites)[0]
            ours["field + date range"].append(f'{one} site:"{site}" published:{span}')
            where = " AND a.site_name = ? AND a.published BETWEEN ? AND ?"
            fts["field + date range"].append((_quoted(one), where, (site, *dates)))
    db.close()
    return Queries(ours, fts)


def _words_from(words: list[str], rng: random.Random, low: int, high: int) -> Iterator[str]:
    while True:
        yield words[rng.randint(low, high)]


def _adjacent_words(db: sqlite3.Connection, rng: random.Random) -> tuple[str, str]:
    """Two words next to each other in some article of a language written with spaces."""
    marks = ",".join("?" * len(_QUERY_LANGUAGES))
    (total,) = db.execute("SELECT max(id) FROM articles").fetchone()
    while True:
        row = db.execute(
            f"SELECT text FROM articles WHERE id >= ? AND language IN ({marks}) LIMIT 1",
            (rng.randint(1, total), *_QUERY_LANGUAGES),
        ).fetchone()
        if row is None:
            continue
        words = [w.strip(".,") for w in row[0].split()]
        at = rng.randint(0, len(words) - 2)
        if words[at].isalpha() and words[at + 1].isalpha():
            return words[at].lower(), words[at + 1].lower()


def _misspelt(word: str, rng: random.Random) -> str:
    at = rng.randint(1, len(word) - 2)
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def _quoted(word: str) -> str:
    return '"' + word.replace('"', "") + '"'


# Whoosh, through the library


def _percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return f"p50 {statistics.median(ordered) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def _search_phase(folder: Path, count: int) -> None:
    queries = _load_queries(folder)
    started = time.perf_counter()
    with Library(folder, workers=1) as library:
        opened = time.perf_counter() - started
        first = library.search(queries.ours["one term"][0])
        first_result = time.perf_counter() - started
        print(
            f"first result after opening: {first_result * 1000:.0f} ms "
            f"(open {opened * 1000:.0f} ms; {first.total} found)"
        )
        print("Whoosh (Library.search: top 20 with snippets, total, facets):")
        for kind in KINDS:
            times, found = [], []
            for text in queries.ours[kind]:
                began = time.perf_counter()
                results = library.search(text, limit=20)
                times.append(time.perf_counter() - began)
                found.append(results.total)
            print(f"  {kind:<20} {_percentiles(times)}   median hits {statistics.median(found):g}")
        private, mapped = _resident_mb()
    print(f"  peak memory while opening and searching: {_peak_mb():.0f} MB")
    print(
        f"  of which, still resident at the end: {private:.0f} MB private, {mapped:.0f} MB of "
        "files (the index's term tables, mapped read-only, and the program's own code)"
    )


def _resident_mb() -> tuple[float, float]:
    """Private (anonymous) and file-backed resident memory now, from /proc (0, 0 elsewhere).

    Mapped index files count in the resident set, but they are the system's page cache:
    clean pages it drops whenever memory is needed elsewhere, unlike the private part.
    """
    found = {"RssAnon": 0.0, "RssFile": 0.0}
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in found:
                    found[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return found["RssAnon"], found["RssFile"]


def _incremental_phase(folder: Path, count: int) -> None:
    """Index 1,024 articles again, 64 per commit, as an import does after each batch."""
    store, index = Store(folder / "library.sqlite3"), SearchIndex(folder / "index")
    try:
        ids = list(range(1, 1025))
        started = time.perf_counter()
        for first in range(0, len(ids), 64):
            index.add(store.index_articles(ids[first : first + 64]))
        elapsed = time.perf_counter() - started
    finally:
        index.close()
        store.close()
    print(f"incremental indexing, 64 articles per commit: {len(ids) / elapsed:.0f} articles/s")


# SQLite FTS5 on the same articles


def _fts_index_phase(folder: Path, count: int) -> None:
    db = sqlite3.connect(folder / "library.sqlite3")
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    before = db.execute("PRAGMA page_count").fetchone()[0]
    started = time.perf_counter()
    db.executescript(
        "DROP TABLE IF EXISTS fts;"
        "CREATE VIRTUAL TABLE fts USING fts5(title, text, content='articles',"
        " content_rowid='id', tokenize='unicode61 remove_diacritics 2');"
        "INSERT INTO fts(fts) VALUES('rebuild');"
    )
    elapsed = time.perf_counter() - started
    after = db.execute("PRAGMA page_count").fetchone()[0]
    db.close()
    print(
        f"FTS5 bulk indexing: {count / elapsed:.0f} articles/s ({elapsed:.1f} s), "
        f"peak memory {_peak_mb():.0f} MB, size {(after - before) * page_size / 2**20:.0f} MB"
    )


def _fts_search_phase(folder: Path, count: int) -> None:
    queries = _load_queries(folder)
    started = time.perf_counter()
    db = sqlite3.connect(folder / "library.sqlite3")
    _fts_search(db, queries.fts["one term"][0])
    print(f"FTS5 first result after opening: {(time.perf_counter() - started) * 1000:.0f} ms")
    print("FTS5 (bm25 title x2, top 20 with snippet(), total count; no stemming):")
    for kind in KINDS:
        if any(q is None for q in queries.fts[kind]):
            print(f"  {kind:<20} not available: FTS5 has no fuzzy matching")
            continue
        times, found = [], []
        for fts_query in queries.fts[kind]:
            began = time.perf_counter()
            found.append(_fts_search(db, fts_query))
            times.append(time.perf_counter() - began)
        print(f"  {kind:<20} {_percentiles(times)}   median hits {statistics.median(found):g}")
    db.close()
    print(f"  peak memory while opening and searching: {_peak_mb():.0f} MB")


def _fts_search(db: sqlite3.Connection, fts_query: tuple[str, str, tuple[str, ...]] | None) -> int:
    assert fts_query is not None
    match, where, params = fts_query
    base = f"FROM fts JOIN articles a ON a.id = fts.rowid WHERE fts MATCH ?{where}"
    (total,) = db.execute(f"SELECT count(*) {base}", (match, *params)).fetchone()
    db.execute(
        f"SELECT a.id, a.title, snippet(fts, 1, '<mark>', '</mark>', ' … ', 24) {base}"
        " ORDER BY bm25(fts, 2.0, 1.0) LIMIT 20",
        (match, *params),
    ).fetchall()
    return int(total)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


_PHASE = {
    "database": _database_phase,
    "index": _index_phase,
    "search": _search_phase,
    "incremental": _incremental_phase,
    "fts-index": _fts_index_phase,
    "fts-search": _fts_search_phase,
}

if __name__ == "__main__":
    raise SystemExit(main())
