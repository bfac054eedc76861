"""The ``archive-browser`` command: open the window, or import, extract, list, show and search."""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import archive_import
from desktop_app import __version__, console, logsetup
from desktop_app.core import serialize
from desktop_app.core.errors import ArticleNotFound, CoreError
from desktop_app.core.paths import LIBRARY_ENV, default_library

if TYPE_CHECKING:
    from desktop_app.core.library import Library

# The library, its index and Whoosh are imported by the functions that use them, not with
# this module: an import's worker processes that are not forked from this one (the window's,
# and every import on Windows and macOS) run this module again as they start (the main module
# is imported in every process multiprocessing spawns or starts from its fork server), and
# never need them.

log = logging.getLogger(__name__)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    # Import workers are spawned processes; a frozen (installed) app must route them here.
    multiprocessing.freeze_support()
    args = build_parser().parse_args(argv)
    logsetup.configure(verbose=args.verbose)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except CoreError as exc:
        print(f"archive-browser: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    except KeyboardInterrupt:
        print("archive-browser: interrupted; everything finished so far is kept", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per verb."""
    parser = argparse.ArgumentParser(
        prog="archive-browser",
        description="A private, searchable, offline library of saved web pages. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_common(parser, with_default=True)
    parser.set_defaults(handler=_open_window)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add_open(commands)
    _add_import(commands)
    _add_extract(commands)
    _add_list(commands)
    _add_show(commands)
    _add_search(commands)
    _add_reindex(commands)
    _add_reextract(commands)
    _add_cite(commands)
    return parser


def _add_common(parser: argparse.ArgumentParser, with_default: bool) -> None:
    # Sub-commands must not overwrite a --library given before the command name.
    default: Any = None if with_default else argparse.SUPPRESS
    parser.add_argument(
        "--library",
        type=Path,
        metavar="DIR",
        default=default,
        help=f"the library folder (default: ${LIBRARY_ENV}, else {default_library()})",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", default=False if with_default else argparse.SUPPRESS
    )


def _add_open(commands: Any) -> None:
    cmd = commands.add_parser(
        "open",
        help="open the window, importing any saved pages given into the library there "
        "(what a file manager's Open With runs)",
    )
    cmd.add_argument("paths", nargs="*", metavar="PATH")
    _add_common(cmd, with_default=False)
    cmd.set_defaults(handler=_open_window)


def _add_import(commands: Any) -> None:
    cmd = commands.add_parser("import", help="import saved pages (files or folders)")
    cmd.add_argument("paths", nargs="+", metavar="PATH")
    _add_common(cmd, with_default=False)
    cmd.add_argument("--json", action="store_true", help="print the report as JSON")
    cmd.add_argument("-q", "--quiet", action="store_true", help="print only failures")
    cmd.set_defaults(handler=_import)


def _add_extract(commands: Any) -> None:
    cmd = commands.add_parser("extract", help="print the articles in saved pages, no library")
    cmd.add_argument("paths", nargs="+", metavar="PATH")
    cmd.add_argument("--json", action="store_true", help="one JSON object per article per line")
    _add_common(cmd, with_default=False)
    cmd.set_defaults(handler=_extract)


def _add_list(commands: Any) -> None:
    cmd = commands.add_parser("list", help="list the library's articles")
    _add_common(cmd, with_default=False)
    cmd.add_argument("--json", action="store_true", help="print a JSON array of articles")
    cmd.set_defaults(handler=_list)


def _add_show(commands: Any) -> None:
    cmd = commands.add_parser("show", help="show one article")
    cmd.add_argument("id", type=int, metavar="ID")
    _add_common(cmd, with_default=False)
    cmd.add_argument("--json", action="store_true", help="print the article as JSON")
    cmd.set_defaults(handler=_show)


def _add_search(commands: Any) -> None:
    from desktop_app.core.index import FACETS, SORTS  # noqa: PLC0415 — see the imports above.

    cmd = commands.add_parser("search", help="search the library")
    cmd.add_argument("query", metavar="QUERY")
    _add_common(cmd, with_default=False)
    cmd.add_argument("--limit", type=_positive_int, default=20, metavar="N")
    cmd.add_argument("--bookmarked", action="store_true", help="search bookmarks only")
    cmd.add_argument(
        "--sort", choices=SORTS, default="relevance", help="order of the hits (default: relevance)"
    )
    cmd.add_argument(
        "--filter",
        action="append",
        type=_facet_filter,
        default=[],
        metavar="FACET=VALUE",
        help=f"only articles with this facet value ({', '.join(FACETS)}); may be repeated",
    )
    cmd.add_argument("--json", action="store_true", help="print the results as JSON")
    cmd.set_defaults(handler=_search)


def _add_reindex(commands: Any) -> None:
    cmd = commands.add_parser("reindex", help="rebuild the search index from the database")
    _add_common(cmd, with_default=False)
    cmd.set_defaults(handler=_reindex)


def _facet_filter(value: str) -> tuple[str, str]:
    from desktop_app.core.index import FACETS  # noqa: PLC0415 — see the imports above.

    name, equals, wanted = value.partition("=")
    if not equals or name not in FACETS or not wanted:
        raise argparse.ArgumentTypeError(f"give FACET=VALUE with FACET one of {', '.join(FACETS)}")
    return name, wanted


def _add_cite(commands: Any) -> None:
    from desktop_app.core.citations import FORMATS  # noqa: PLC0415 — see the imports above.

    cmd = commands.add_parser("cite", help="print citations of articles (BibTeX, RIS, CSL JSON…)")
    cmd.add_argument("ids", nargs="*", type=int, metavar="ID")
    cmd.add_argument("--bookmarked", action="store_true", help="every bookmarked article")
    cmd.add_argument(
        "--format", choices=FORMATS, default="text", help="the citations' form (default: text)"
    )
    _add_common(cmd, with_default=False)
    cmd.set_defaults(handler=_cite)


def _add_reextract(commands: Any) -> None:
    cmd = commands.add_parser("reextract", help="extract articles again from their kept originals")
    cmd.add_argument("ids", nargs="*", type=int, metavar="ID")
    cmd.add_argument("--all", action="store_true", help="every article in the library")
    _add_common(cmd, with_default=False)
    cmd.add_argument("--json", action="store_true", help="print the outcomes as JSON")
    cmd.set_defaults(handler=_reextract)


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _library(args: argparse.Namespace) -> Library:
    from desktop_app.core.library import Library  # noqa: PLC0415 — see the imports above.

    folder: Path | None = args.library
    # Opening rebuilds the search index when it was written by another version: a bar shows
    # how that goes, and is gone before the command's own output.
    with console.ProgressLine() as bar:
        return Library(folder if folder is not None else default_library(), progress=bar.update)


def _open_window(args: argparse.Namespace) -> int:
    from desktop_app.gui.app import run_window  # noqa: PLC0415 — Qt loads only for the window.

    folder: Path | None = args.library
    paths: list[Path] = [Path(p) for p in getattr(args, "paths", [])]
    return int(run_window(folder if folder is not None else default_library(), paths))


def _import(args: argparse.Namespace) -> int:
    with _library(args) as library, console.ProgressLine(enabled=not args.json) as bar:
        report = library.import_paths(args.paths, progress=bar.update)
    if args.json:
        _print_json(serialize.report_json(report))
    else:
        console.print_report(report, quiet=args.quiet)
    return EXIT_SOME_FAILED if report.failed else EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    failed = False
    for item in archive_import.discover(args.paths):
        if isinstance(item, archive_import.Passed):
            failed = failed or item.failed
            console.print_passed(item.path, item.reason, item.failed)
            continue
        try:
            articles = archive_import.extract_file(item.path, item.format)
        except archive_import.InputError as exc:
            failed = failed or not isinstance(exc, archive_import.NotAnArticle)
            console.print_passed(
                item.path, exc.reason, not isinstance(exc, archive_import.NotAnArticle)
            )
            continue
        for article in articles:
            record = serialize.extracted_json(article, str(item.path))
            if args.json:
                _print_json(record)
            else:
                console.print_extracted(record)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _list(args: argparse.Namespace) -> int:
    with _library(args) as library:
        if args.json:
            _print_json_array(serialize.article_json(a) for a in library.articles())
        else:
            console.print_article_lines(library.articles())
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    with _library(args) as library:
        try:
            article = library.article(args.id)
        except ArticleNotFound as exc:
            print(f"archive-browser: {exc} ({library.folder})", file=sys.stderr)
            return EXIT_SOME_FAILED
    if args.json:
        _print_json(serialize.article_json(article))
    else:
        console.print_article(article)
    return EXIT_OK


def _search(args: argparse.Namespace) -> int:
    with _library(args) as library:
        results = library.search(
            args.query,
            limit=args.limit,
            bookmarked_only=args.bookmarked,
            sort=args.sort,
            filters=dict(args.filter),
        )
    if args.json:
        _print_json(serialize.results_json(results))
    else:
        console.print_results(results)
    return EXIT_OK


def _reindex(args: argparse.Namespace) -> int:
    started = time.monotonic()
    with _library(args) as library, console.ProgressLine() as bar:
        library.rebuild_index(progress=bar.update)
        count = library.count()
    console.print_reindexed(count, time.monotonic() - started)
    return EXIT_OK


def _cite(args: argparse.Namespace) -> int:
    from desktop_app.core.citations import citations  # noqa: PLC0415 — see the imports above.

    if bool(args.ids) == args.bookmarked:
        print("archive-browser cite: give article ids or --bookmarked, not both", file=sys.stderr)
        return EXIT_USAGE
    with _library(args) as library:
        try:
            articles = (
                [library.article(i) for i in dict.fromkeys(args.ids)]
                if args.ids
                else library.bookmarked_articles()
            )
        except ArticleNotFound as exc:
            print(f"archive-browser: {exc} ({library.folder})", file=sys.stderr)
            return EXIT_SOME_FAILED
    sys.stdout.write(citations(articles, args.format))
    return EXIT_OK


def _reextract(args: argparse.Namespace) -> int:
    if bool(args.ids) == bool(args.all):
        print("archive-browser reextract: give article ids or --all, not both", file=sys.stderr)
        return EXIT_USAGE
    with _library(args) as library, console.ProgressLine(enabled=not args.json) as bar:
        outcomes = library.reextract(args.ids or None, progress=bar.update)
    if args.json:
        _print_json(
            [{"id": o.article_id, "updated": o.updated, "reason": o.reason} for o in outcomes]
        )
    else:
        console.print_reextracted(outcomes)
    return EXIT_OK if all(o.updated for o in outcomes) else EXIT_SOME_FAILED


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")


def _print_json_array(items: Any) -> None:
    """Stream a JSON array, one element per line, so a large library never sits in memory twice."""
    sys.stdout.write("[")
    for number, item in enumerate(items):
        sys.stdout.write(("," if number else "") + "\n" + json.dumps(item, ensure_ascii=False))
    sys.stdout.write("\n]\n")


if __name__ == "__main__":
    raise SystemExit(main())
