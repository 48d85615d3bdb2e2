"""``unionkg extract``, ``unionkg ingest`` and ``unionkg evaluate``: reading articles.

- ``extract PATH...`` prints the public JSON contract (docs/contract.md), one
  object per document; nothing is stored.
- ``ingest PATH...`` extracts, resolves against the store and stores.
- ``evaluate GOLD_DIR [PRED]`` scores extractions against gold annotations.

A bad input is one line on stderr naming it and the reason; the other inputs
go on; the exit code is then 1. Usage and connection errors exit with 2.
"""

from __future__ import annotations

import json
import re
import sys

import click

from unionkg.cli import main
from unionkg.cli.options import (EXIT_INPUT, EXIT_USAGE, emit_rows, fail, format_option, open_store_from,
                                 quiet_option, store_options)

__all__ = ["extract", "ingest", "evaluate"]


def _language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().lower()
    if not re.fullmatch(r"[a-z]{2}", code):
        raise click.BadParameter(f"{value!r} is not an ISO 639-1 code (two letters, e.g. id, ms, en, vi)")
    return code


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from unionkg.ingest.dates import parse_iso_date

    try:
        return parse_iso_date(value).isoformat()
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


language_option = click.option("--language", callback=_language, metavar="CODE",
                               help="Language of every input (ISO 639-1), instead of detecting it.")
published_option = click.option("--published", callback=_date, metavar="YYYY-MM-DD",
                                help="Press date of every input, instead of reading it from the text or metadata.")


def _error_line(line: str) -> None:
    click.echo(f"unionkg: error: {line}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True,
              help="jsonl: one JSON object per line; json: one JSON array.")
@click.option("--with-text", is_flag=True, help="Include each document's text in the output.")
@language_option
@published_option
def extract(paths: tuple[str, ...], fmt: str, with_text: bool, language: str | None, published: str | None) -> None:
    """Extract entities and relations from articles and print them as JSON.

    PATH is a .txt, .md, .html, .pdf or .jsonl file, a folder (read
    recursively) or - for stdin. Each document becomes one object of the JSON
    contract described in docs/contract.md. Nothing is stored.

    \b
    Example:
      unionkg extract examples/ > extractions.jsonl
    """
    from unionkg.ingest.loaders import LoadError
    from unionkg.ingest.run import extract_paths

    out = click.get_text_stream("stdout")
    failed = 0
    first = True
    if fmt == "json":
        out.write("[")
    for item in extract_paths(paths, language=language, published=published):
        if isinstance(item, LoadError):
            failed += 1
            _error_line(str(item))
            continue
        text = json.dumps(item.to_dict(with_text=with_text), ensure_ascii=False)
        if fmt == "json":
            out.write(("\n" if first else ",\n") + text)
        else:
            out.write(text + "\n")
        out.flush()
        first = False
    if fmt == "json":
        out.write("\n]\n" if not first else "]\n")
    if failed:
        sys.exit(EXIT_INPUT)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@store_options
@language_option
@published_option
@quiet_option
def ingest(paths: tuple[str, ...], store_spec: dict, language: str | None, published: str | None,
           quiet: bool) -> None:
    """Read articles, extract their facts and store them in the graph.

    PATH is a .txt, .md, .html, .pdf or .jsonl file, a folder (read
    recursively) or - for stdin. Re-ingesting an unchanged document changes
    nothing; a changed file replaces its earlier version's facts.

    Exit status: 0 all stored, 1 some inputs failed (the others were stored),
    2 usage or store connection error.

    \b
    Example:
      unionkg ingest examples/ --store graph.db
    """
    from unionkg.graph.store import StoreError
    from unionkg.ingest.run import expand_inputs, ingest_paths

    inputs = expand_inputs(paths)
    store = open_store_from(store_spec, create=True)
    show_bar = not quiet and sys.stderr.isatty() and len(inputs) > 1
    try:
        if show_bar:
            with click.progressbar(length=len(inputs), label="ingesting", file=sys.stderr,
                                   show_pos=True) as bar:
                def on_error(line: str) -> None:
                    # Keep the error on its own line above the bar.
                    click.echo("\r\033[K", nl=False, err=True)
                    _error_line(line)

                report = ingest_paths(inputs, store, language=language, published=published,
                                      on_error=on_error, on_input=lambda _p: bar.update(1))
        else:
            report = ingest_paths(inputs, store, language=language, published=published, on_error=_error_line)
    except StoreError as exc:
        fail(str(exc), EXIT_USAGE)
    finally:
        try:
            store.close()
        except Exception:  # closing a broken connection must not hide the real error
            pass
    if not quiet:
        click.echo(f"unionkg: {report.summary()}", err=True)
    if report.failed:
        sys.exit(EXIT_INPUT)


@main.command()
@click.argument("gold_dir", metavar="GOLD_DIR")
@click.argument("pred", required=False, metavar="[PRED]")
@format_option
@click.option("--by-language", is_flag=True, help="Also print every category per language (table/csv).")
@click.option("--details", is_flag=True, help="Also list missed and spurious items per document.")
def evaluate(gold_dir: str, pred: str | None, fmt: str, by_language: bool, details: bool) -> None:
    """Score extractions against gold annotations: precision, recall, F1.

    GOLD_DIR holds gold .json files in the devset format (each naming its
    text_file). PRED is a JSONL file written by `unionkg extract`; without it
    the built-in extractor is run on the gold texts. Prints one row per
    category (organizations, persons, positions, affiliations, agreements,
    events, membership_counts), the micro-F1 over organisations, persons,
    positions and affiliations, and that micro-F1 per language.

    \b
    Example:
      unionkg evaluate ../shared/devset
      unionkg extract ../shared/devset > pred.jsonl && unionkg evaluate ../shared/devset pred.jsonl
    """
    from unionkg.ingest.evaluate import CATEGORIES, EvaluationError, evaluate as run_evaluation, read_predictions

    try:
        predictions = read_predictions(pred) if pred is not None else None
        report = run_evaluation(gold_dir, predictions)
    except EvaluationError as exc:
        fail(str(exc), EXIT_INPUT)
    for path in report.unmatched_gold:
        click.echo(f"unionkg: warning: {path}: no prediction for this gold file (scored as empty)", err=True)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(details=details), ensure_ascii=False, indent=2))
        return
    rows = report.rows()
    if by_language:
        from unionkg.ingest.evaluate import figure_row

        for lang in report.languages():
            rows += [figure_row(lang, c, report.total(c, lang)) for c in CATEGORIES]
    emit_rows(rows, fmt, columns=["language", "category", "precision", "recall", "f1", "tp", "predicted", "gold"])
    if details and fmt == "table":
        for doc in report.documents:
            lines = []
            for c in CATEGORIES:
                lines += [f"  - missed {c}: {m}" for m in doc[c]["missed"]]
                lines += [f"  + spurious {c}: {s}" for s in doc[c]["spurious"]]
            if lines:
                click.echo(f"\n{doc['gold']} ({doc['language']})")
                click.echo("\n".join(lines))
