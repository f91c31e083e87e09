"""The ``eventcoder`` command line: a thin front, one function per command.

Data goes to stdout, logs/progress/summaries to stderr.  A library error
(:class:`~eventcoder.errors.EventcoderError`) becomes a one-line message and exit
status 1; usage errors exit 2.
"""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

import click

from . import __version__
from .errors import EventcoderError

log = logging.getLogger("eventcoder")


def _friendly(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our errors into click errors: one line, no traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except EventcoderError as err:
            raise click.ClickException(str(err)) from err
        except BrokenPipeError:  # `eventcoder code ... | head`
            sys.stderr.close()
            sys.exit(0)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"], "auto_envvar_prefix": "EVENTCODER"})
@click.version_option(__version__, prog_name="eventcoder")
@click.option("-v", "--verbose", count=True, help="-v for info, -vv for debug logs (stderr).")
@click.option("--silent", is_flag=True, help="No progress bars or summaries.")
@click.pass_context
def main(ctx: click.Context, verbose: int, silent: bool) -> None:
    """Turn news into CAMEO/PLOVER political event data."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    ctx.obj = {"silent": silent}


def _reader_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that reads articles."""
    options = [
        click.option("--text-field", default="text", show_default=True, help="Corpus column holding the text."),
        click.option("--date-field", default="date", show_default=True, help="Corpus column holding the date."),
        click.option("--id-field", default="id", show_default=True, help="Corpus column holding the id."),
        click.option("--title-field", default="title", show_default=True, help="Corpus column holding the title."),
        click.option("--max-bytes", default=5_000_000, show_default=True, help="Skip inputs larger than this."),
        click.option("--url-field", default="url", show_default=True, help="Corpus column holding the URL."),
        click.option(
            "--lang",
            "languages",
            default="en",
            show_default=True,
            help="Comma-separated ISO 639-1 codes to keep; 'any' keeps every language.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _read_settings(kwargs: dict[str, Any]) -> Any:
    from .ingest import ReadSettings

    return ReadSettings(
        text_field=kwargs.pop("text_field"),
        date_field=kwargs.pop("date_field"),
        id_field=kwargs.pop("id_field"),
        title_field=kwargs.pop("title_field"),
        max_bytes=kwargs.pop("max_bytes"),
        url_field=kwargs.pop("url_field"),
        languages=_languages(kwargs.pop("languages")),
    )


def _languages(value: str) -> tuple[str, ...]:
    codes = tuple(c.strip().lower() for c in value.split(",") if c.strip())
    return () if codes in ((), ("any",), ("all",)) else codes


def _summary(ctx: click.Context, counts: Counter[str], skips: Counter[str]) -> None:
    if ctx.obj.get("silent"):
        return
    parts = [f"{counts[k]} {k}" for k in ("articles", "events", "errors") if k in counts or k != "errors"]
    if skips:
        parts.append("skipped: " + ", ".join(f"{n} {reason}" for reason, n in sorted(skips.items())))
    click.echo("eventcoder: " + "; ".join(parts), err=True)


# ---------------------------------------------------------------- code
@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Output file (default stdout).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl", show_default=True)
@click.option("--date", "date", default=None, help="Publication date YYYY-MM-DD for inputs without one.")
@_reader_options
@click.pass_context
@_friendly
def code(ctx: click.Context, inputs: tuple[str, ...], output: str, fmt: str, date: str | None, **kwargs: Any) -> None:
    """Code INPUT files (text, HTML, JSONL/CSV corpus, directory, or - for stdin) into events."""
    from .export import EventWriter
    from .ingest import read_inputs
    from .model import Skipped
    from .pipeline import _as_date, code_batch, load_resources

    settings = _read_settings(kwargs)
    default_date = _as_date(date)
    counts: Counter[str] = Counter()
    skips: Counter[str] = Counter()

    def articles() -> Any:
        for item in read_inputs(inputs, settings):
            if isinstance(item, Skipped):
                skips[item.reason.value] += 1
                click.echo(f"eventcoder: skipped {item.source}: {item.reason.value} {item.detail}".rstrip(), err=True)
                continue
            counts["articles"] += 1
            if default_date and not item.published:
                from dataclasses import replace

                item = replace(item, published=default_date)
            yield item

    resources = load_resources()
    with click.open_file(output, "w", encoding="utf-8") as out:
        writer = EventWriter(out, fmt)
        for coded in code_batch(articles(), resources):
            for event in coded.events:
                writer.write(event)
                counts["events"] += 1
        writer.close()
    _summary(ctx, counts, skips)
    if skips and not counts["articles"]:
        ctx.exit(1)


# [read command]
@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--keep-standfirst", is_flag=True, help="Keep a scraped text's standfirst (subtitle) as the body's first paragraph.")
@_reader_options
@click.pass_context
@_friendly
def read(ctx: click.Context, inputs: tuple[str, ...], keep_standfirst: bool, **kwargs: Any) -> None:
    """Read INPUT files (text, HTML, feed, WARC, JSONL/CSV corpus, directory, .gz, or - for
    stdin) and print one Article record per line as JSONL.

    Skipped inputs are listed on stderr with their reason, then a summary.  Exit status 1
    when any input failed: an error (unreadable path, malformed row, reader failure) or an
    INPUT that gave no article at all.
    """
    from dataclasses import replace

    from .ingest import ReadSummary, read_inputs
    from .model import Skipped, to_dict

    settings = replace(_read_settings(kwargs), keep_standfirst=keep_standfirst)
    summary = ReadSummary()
    out = click.get_text_stream("stdout")
    for name in inputs:
        before = summary.articles
        for item in read_inputs([name], settings):
            summary.add(item)
            if isinstance(item, Skipped):
                if not ctx.obj.get("silent"):
                    click.echo(f"eventcoder: skipped {item.source}: {item.reason.value} {item.detail}".rstrip(), err=True)
                continue
            out.write(json.dumps(to_dict(item), ensure_ascii=False) + "\n")
        summary.end_input(name, before)
    if not ctx.obj.get("silent"):
        click.echo("eventcoder: " + summary.format(), err=True)
    if summary.failed:
        ctx.exit(1)


# [ingest/query/export commands]

# [actors command]
@main.command()
@click.argument("name")
@click.option("--date", "date", default=None, help="Resolve as of this date YYYY-MM-DD (default today).")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@_friendly
def actors(name: str, date: str | None, fmt: str) -> None:
    """Look NAME up in the actor knowledge base (person, country, capital, body, agent, title)."""
    import datetime as dt

    from .actors.kb import load_kb
    from .errors import ConfigError

    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError as err:
            raise ConfigError(f"--date {date!r} is not an ISO date; use YYYY-MM-DD") from err
    info = load_kb().explain(name, date)
    if fmt == "json":
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    person = info.pop("person", None)
    click.echo(f"{'query':<22}{info.pop('query')}  (as of {info.pop('date')})")
    if person is not None:
        record = person.pop("record") or {}
        candidates = person.pop("candidates")
        for key, value in person.items():
            click.echo(f"{key:<22}{value}")
        if candidates:
            click.echo(f"{'candidates':<22}{', '.join(candidates[:8])}{' ...' if len(candidates) > 8 else ''}")
        if record:
            click.echo(f"{'record':<22}{record['iso3']} {record['code']} {record['title']!r} {record['start'] or '?'}..{record['end'] or 'now'} [{record['source']}]")
    for key, value in info.items():
        click.echo(f"{key:<22}{value if not isinstance(value, dict) else ' '.join(str(v) for v in value.values() if v)}")
    if person is None and not info:
        click.echo("(nothing known)", err=True)


# [eval command]
@main.command("eval")
@click.argument("gold", nargs=-1, required=True)
@click.option(
    "--level",
    "levels",
    multiple=True,
    type=click.Choice(["root", "code", "quad", "type", "plover", "actors"]),
    help="Levels to score (repeatable; default: every level the gold set supports).",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
@click.option("--errors", "show_errors", is_flag=True, help="List false positives/negatives with sentence, expected, produced and rule.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N items of each set.")
@click.option("--gate", is_flag=True, help="Exit 1 when a score is more than the tolerance below its floor in the baseline.")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None, help="Floors file (default: eval_baseline.json).")
@click.option("--update-baseline", is_flag=True, help="Set the floors to the measured scores (rounded down to 2 decimals).")
@click.option("--allow-regression", is_flag=True, help="With --update-baseline: allow floors to go down.")
@click.pass_context
@_friendly
def eval_(
    ctx: click.Context,
    gold: tuple[str, ...],
    levels: tuple[str, ...],
    fmt: str,
    show_errors: bool,
    limit: int | None,
    gate: bool,
    baseline: str | None,
    update_baseline: bool,
    allow_regression: bool,
) -> None:
    """Score the coder against GOLD: a gold file or folder (format detected), or a known
    name: plover, conflibert, case2021, petrarch-unit, or all."""
    from .evaluate import (
        check_gate,
        evaluate_many,
        read_baseline,
        render_errors,
        render_markdown,
        render_table,
        report_to_dict,
        write_baseline,
    )
    from .evaluate import update_baseline as new_baseline
    from .evaluate.gate import default_baseline_path

    if limit is not None and (gate or update_baseline):
        raise click.UsageError("--gate and --update-baseline score whole gold sets; drop --limit")
    results = evaluate_many(gold, levels=levels or None, limit=limit, errors=show_errors)
    reports = [report for _, report in results]
    if fmt == "json":
        data = [report_to_dict(r, errors=show_errors) for r in reports]
        click.echo(json.dumps(data[0] if len(data) == 1 else data, indent=2))
    elif fmt == "markdown":
        click.echo(render_markdown(reports), nl=False)
    else:
        for report in reports:
            click.echo(render_table(report))
            if show_errors:
                click.echo(render_errors(report))
    path = baseline or default_baseline_path()
    if update_baseline:
        data = new_baseline(read_baseline(path), [(r, g) for g, r in results], allow_regression=allow_regression)
        write_baseline(path, data)
        click.echo(f"eventcoder: floors written to {path}", err=True)
    if gate:
        data = read_baseline(path)
        failed = False
        for gold_set, report in results:
            result = check_gate(report, gold_set, data)
            for failure in result.failures:
                click.echo(f"eventcoder: gate FAILED: {failure}", err=True)
                failed = True
            for note in result.notes:
                click.echo(f"eventcoder: gate {report.gold}: {note}", err=True)
            if result.passed and not ctx.obj.get("silent"):
                click.echo(f"eventcoder: gate {report.gold}: {result.checked} floors held", err=True)
        if failed:
            ctx.exit(1)

# [serve command]


if __name__ == "__main__":  # pragma: no cover
    main()
