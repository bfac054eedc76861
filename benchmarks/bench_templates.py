"""Learn each generated site's template and score the article text before and after applying it.

    python -m benchmarks.bench_templates [--seed N]

The pages of ``benchmarks.site_corpus`` are written to a temporary folder and read back with the
importer (``archive_import.extract_file``), HTML pages and plain-text scrapes alike. Text is scored
against the true article body with token 4-gram shingles, as ``shared/bench/extraction/score.py``
does: precision and recall averaged over pages, F1 of the two averages. The share threshold is
chosen on the dev sites; the held-out sites are scored with the module's default.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from archive_import import ExtractedArticle, extract_file
from archive_import.cleanup import html_to_text
from benchmarks.gauge import gauge_line
from benchmarks.site_corpus import SEED, Page, Site, build_corpus
from desktop_app.core import site_template
from desktop_app.core.site_template import apply_template, learn_template, site_key

SHARES = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
KINDS = ("html", "text")
_TOKEN = re.compile(r"\w+")
_ROW = "{:9} {:9} {:5} {:>5}  {:23} {:23} {:>4} {:>4} {:>8}"


@dataclass(frozen=True)
class Extracted:
    """One generated page as the importer read it."""

    page: Page
    article: ExtractedArticle


@dataclass(frozen=True)
class Outcome:
    """The texts of one site's pages of one kind, before and after its template."""

    truths: list[str]
    before: list[str]
    after: list[str]
    seconds_per_page: float
    kept_whole: int
    """Pages the safety kept whole: the template would have removed more than allowed."""
    lost: int
    """True body paragraphs the importer kept that the template removed."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    corpus = build_corpus(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        pages = {(s.spec.key, k): _extract(s, k, Path(folder)) for s in corpus for k in KINDS}
        extraction = time.perf_counter() - started
    _print_header(corpus, extraction)
    _print_site_keys(corpus, pages)
    _print_sweep(corpus, pages)
    share = site_template.MIN_SHARE
    outcomes = {key: _outcome(items, share, repeats=5) for key, items in pages.items()}
    _print_results(corpus, outcomes)
    _print_scale(args.seed)
    return 0


def _extract(site: Site, kind: str, folder: Path) -> list[Extracted]:
    """Write the site's pages of one kind to ``folder`` and read them with the importer."""
    extracted = []
    for page in site.pages:
        path = folder / site.spec.key / f"{page.name}.{'html' if kind == 'html' else 'txt'}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.html if kind == "html" else page.text, encoding="utf-8")
        extracted.append(Extracted(page, extract_file(path)[0]))
    return extracted


def _outcome(items: list[Extracted], share: float, repeats: int = 1) -> Outcome:
    """Learn the template from the pages' fragments and apply it to each (best of ``repeats``)."""
    fragments = [item.article.html for item in items]
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        template = learn_template(fragments, min_share=share)
        cleaned = [apply_template(fragment, template) for fragment in fragments]
        timings.append((time.perf_counter() - started) / len(fragments))
    forced = [apply_template(f, template, max_removed=1.0) for f in fragments]
    return Outcome(
        truths=[item.page.body for item in items],
        before=[item.article.text for item in items],
        after=[html_to_text(fragment) for fragment in cleaned],
        seconds_per_page=min(timings),
        kept_whole=sum(c == f != o for c, f, o in zip(cleaned, fragments, forced, strict=True)),
        lost=sum(_lost(item, after) for item, after in zip(items, cleaned, strict=True)),
    )


def _lost(item: Extracted, cleaned: str) -> int:
    before, after = item.article.text, html_to_text(cleaned)
    return sum(p in before and p not in after for p in item.page.body.split("\n\n"))


# --- scoring, as shared/bench/extraction/score.py ---------------------------------------------


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)) if tokens)


def _page_counts(truth: str, predicted: str) -> tuple[int, int, int]:
    t, p = _shingles(truth), _shingles(predicted)
    true_positives = sum((t & p).values())
    return true_positives, sum(p.values()) - true_positives, sum(t.values()) - true_positives


def score(truths: list[str], predictions: list[str]) -> tuple[float, float, float]:
    """Precision and recall averaged over pages, and the F1 of the two averages."""
    counts = [_page_counts(t, p) for t, p in zip(truths, predictions, strict=True)]
    precision = statistics.mean(tp / (tp + fp) for tp, fp, _ in counts if tp + fp)
    recall = statistics.mean(tp / (tp + fn) for tp, _, fn in counts if tp + fn)
    return precision, recall, 2 * precision * recall / (precision + recall or 1)


# --- printing -------------------------------------------------------------------------------


def _print_header(corpus: list[Site], extraction: float) -> None:
    pages = sum(len(site.pages) for site in corpus)
    today = datetime.date.today().isoformat()
    system = f"{os.cpu_count()} cores, {platform.system()}, Python {platform.python_version()}"
    print(f"machine: {_cpu()}, {system}; date: {today}")
    print(gauge_line())
    print(f"corpus: {len(corpus)} sites, {pages} pages, each as HTML and as a text scrape")
    print(f"extracted with the importer (archive_import.extract_file) in {extraction:.1f} s")
    share, safety = site_template.MIN_SHARE, site_template.MAX_REMOVED
    print(f"thresholds: min_pages 3, min_share {share} (module default), safety {safety:.0%}")


def _print_scale(seed: int, pages: int = 400) -> None:
    """Learn and apply on one large site: the cost the library pays after each import."""
    site = build_corpus(seed, pages_per_site=pages)[0]
    with tempfile.TemporaryDirectory() as folder:
        fragments = [item.article.html for item in _extract(site, "html", Path(folder))]
    started = time.perf_counter()
    template = learn_template(fragments)
    learned = time.perf_counter()
    for fragment in fragments:
        apply_template(fragment, template)
    applied = time.perf_counter()
    print(f"\nscale: one site of {len(fragments)} HTML pages ({site.spec.key}): learn "
          f"{learned - started:.2f} s, apply {(applied - learned) / len(fragments) * 1000:.2f} "
          f"ms per page, {template.pages} distinct pages")  # fmt: skip


def _cpu() -> str:
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or platform.machine()
    names = [line.split(":", 1)[1].strip() for line in info.splitlines() if "model name" in line]
    return names[0] if names else platform.machine()


def _print_site_keys(corpus: list[Site], pages: dict[tuple[str, str], list[Extracted]]) -> None:
    keys = {
        site.spec.key: {site_key(item.article.url, item.article.site_name) for item in items}
        for site in corpus
        for items in [pages[site.spec.key, "html"]]
    }
    right = all(len(found) == 1 for found in keys.values()) and len(
        {next(iter(found)) for found in keys.values()}
    ) == len(corpus)
    named = ", ".join(sorted(str(k) for found in keys.values() for k in found))
    print(f"site_key of the HTML pages: {named} ({'one per site' if right else 'WRONG'})")


def _print_sweep(corpus: list[Site], pages: dict[tuple[str, str], list[Extracted]]) -> None:
    dev = [key for key in pages if _split(corpus, key[0]) == "dev"]
    print("\nmin_share on the dev sites (HTML and text pages together): F1 after")
    results = []
    for share in SHARES:
        outcomes = [_outcome(pages[key], share) for key in dev]
        f1 = score(_all(o.truths for o in outcomes), _all(o.after for o in outcomes))[2]
        results.append((f1, -share))
        print(f"  {share:.2f}  {f1:.3f}")
    print(f"  best on dev: {-max(results)[1]:.2f}")


def _print_results(corpus: list[Site], outcomes: dict[tuple[str, str], Outcome]) -> None:
    columns = ("split", "site", "kind", "pages", "P / R / F1 before", "P / R / F1 after")
    print("\n" + _ROW.format(*columns, "kept", "lost", "ms/page"))
    for split in ("dev", "held-out"):
        for kind in KINDS:
            rows = [
                (s.spec.key, outcomes[s.spec.key, kind]) for s in corpus if s.spec.split == split
            ]
            for name, outcome in rows:
                _print_row(split, name, kind, [outcome])
            _print_row(split, "all", kind, [outcome for _, outcome in rows])


def _print_row(split: str, name: str, kind: str, outcomes: list[Outcome]) -> None:
    truths = _all(o.truths for o in outcomes)
    before = score(truths, _all(o.before for o in outcomes))
    after = score(truths, _all(o.after for o in outcomes))
    per_page = statistics.mean(o.seconds_per_page for o in outcomes) * 1000
    kept, lost = sum(o.kept_whole for o in outcomes), sum(o.lost for o in outcomes)
    print(_ROW.format(split, name, kind, len(truths), _triple(before), _triple(after), kept,
                      lost, f"{per_page:.2f}"))  # fmt: skip


def _triple(values: tuple[float, float, float]) -> str:
    return " / ".join(f"{value:.3f}" for value in values)


def _all(lists: Iterable[list[str]]) -> list[str]:
    return [text for texts in lists for text in texts]


def _split(corpus: list[Site], key: str) -> str:
    return next(site.spec.split for site in corpus if site.spec.key == key)


if __name__ == "__main__":
    raise SystemExit(main())
