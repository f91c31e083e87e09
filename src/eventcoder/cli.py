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
    for name in inputs:
        before = summary.articles
        for item in read_inputs([name], settings):
            summary.add(item)
            if isinstance(item, Skipped):
                if not ctx.obj.get("silent"):
                    click.echo(f"eventcoder: skipped {item.source}: {item.reason.value} {item.detail}".rstrip(), err=True)
                continue
            click.echo(json.dumps(to_dict(item), ensure_ascii=False))
        summary.end_input(name, before)
    if not ctx.obj.get("silent"):
        click.echo("eventcoder: " + summary.format(), err=True)
    if summary.failed:
        ctx.exit(1)


# [ingest/query/export commands]
def _db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        "db",
        default="eventcoder.db",
        show_default=True,
        envvar="EVENTCODER_DB",
        type=click.Path(dir_okay=False),
        help="Event database file (env EVENTCODER_DB).",
    )(func)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@_db_option
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 256), help="Coding processes (model loaded once per worker); with --engine dask, the local cluster's size.")
@click.option("--retry-failed", is_flag=True, help="Code again the documents that failed in an earlier run.")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: this process or --workers processes; dask: a Dask cluster (needs eventcoder[dask]).",
)
@click.option("--scheduler", metavar="ADDRESS", default=None, help="With --engine dask: an existing cluster's scheduler (tcp://HOST:PORT or a scheduler file); default: a local cluster of --workers processes.")
@click.option("--lake", "lake_dir", default=None, type=click.Path(file_okay=False), help="With --engine dask: the workers write Parquet under DIR/year=YYYY/month=MM/ instead of the database.")
@click.option("--chunk-size", type=click.IntRange(1, 100_000), default=None, help="Articles per chunk (transaction, task, lake file) [default: 16; with --lake 256, or the lake's own].")
@click.option("--connect-timeout", type=click.FloatRange(0.1, 86_400), default=10.0, show_default=True, help="Seconds to reach the --scheduler and see a first worker.")
@_reader_options
@click.pass_context
@_friendly
def ingest(
    ctx: click.Context,
    inputs: tuple[str, ...],
    db: str,
    workers: int,
    retry_failed: bool,
    engine: str,
    scheduler: str | None,
    lake_dir: str | None,
    chunk_size: int | None,
    connect_timeout: float,
    **kwargs: Any,
) -> None:
    """Code INPUT files into the event database: idempotent and resumable.

    Documents already stored with the same text are skipped; a changed text is re-coded
    and its old events replaced.  Killed at any point, a rerun finishes the job.  Exit
    status 1 when any document failed (recorded in the database with its reason).

    --engine dask codes on a Dask cluster (docs/scale.md) and writes the database here,
    in input order: the same database as a local run.  With --lake DIR the workers write
    the events as Parquet files instead (load them with `eventcoder lake load`).
    """
    # given on this command line (EVENTCODER_DB in the environment does not clash with --lake)
    explicit = {n for n in ("db", "workers") if ctx.get_parameter_source(n) == click.core.ParameterSource.COMMANDLINE}
    if engine != "dask":
        for flag, value in (("--scheduler", scheduler), ("--lake", lake_dir)):
            if value is not None:
                raise click.UsageError(f"{flag} needs --engine dask")
    if scheduler is not None and "workers" in explicit:
        raise click.UsageError("--workers sizes a local cluster; with --scheduler the cluster's own workers code")
    if lake_dir is not None and "db" in explicit:
        raise click.UsageError("--lake writes Parquet files instead of the database; fill one later with `eventcoder lake load DIR --db FILE`")
    if lake_dir is not None and retry_failed:
        raise click.UsageError("--retry-failed applies to the database; a lake rerun skips finished chunks")
    settings = _read_settings(kwargs)
    progress = not ctx.obj.get("silent")
    if engine == "dask":
        from .distributed import DaskSettings, ingest_dask, ingest_lake

        cluster = DaskSettings(scheduler=scheduler, workers=workers, connect_timeout=connect_timeout)
        if lake_dir is not None:
            summary = ingest_lake(
                list(inputs), lake_dir, cluster=cluster, settings=settings, progress=progress,
                chunk_size=chunk_size,
            )
        else:
            summary = ingest_dask(
                list(inputs), db, cluster=cluster, settings=settings, progress=progress,
                chunk_size=chunk_size or 16, retry_failed=retry_failed,
            )
    else:
        from .store import ingest as run_ingest

        summary = run_ingest(
            list(inputs), db, workers=workers, settings=settings, progress=progress, retry_failed=retry_failed,
            chunk_size=chunk_size or 16,
        )
    if progress:
        for doc_id, reason in summary.failures:
            click.echo(f"eventcoder: failed {doc_id}: {reason}", err=True)
        click.echo("eventcoder: " + summary.line(), err=True)
    if summary.failed or (summary.skipped and not summary.articles):
        ctx.exit(1)


# [lake commands]
@main.group()
def lake() -> None:
    """Event lakes: the Parquet files `eventcoder ingest --engine dask --lake DIR` writes."""


@lake.command("load")
@click.argument("directory", type=click.Path(file_okay=False))
@_db_option
@click.pass_context
@_friendly
def lake_load(ctx: click.Context, directory: str, db: str) -> None:
    """Load the event lake DIRECTORY into the database (for query, export, serve).

    Documents already stored unchanged are skipped; the roll-up and summaries are kept
    as for any ingest.  Documents that failed to code are stored as failed.
    """
    from .lake import load_lake

    summary = load_lake(directory, db, progress=not ctx.obj.get("silent"))
    if not ctx.obj.get("silent"):
        click.echo("eventcoder: " + summary.line(), err=True)


@main.command()
@_db_option
@click.option("--source", help="Source actor code or prefix (JPN, JPNGOV).")
@click.option("--target", help="Target actor code or prefix.")
@click.option("--dyad", metavar="A,B", help="Events between A and B, either direction.")
@click.option("--since", metavar="DATE", help="From this date (YYYY[-MM[-DD]]), inclusive.")
@click.option("--until", metavar="DATE", help="Up to this date (YYYY[-MM[-DD]]), inclusive.")
@click.option("--cameo", metavar="CODE", help="CAMEO code or root prefix (04, 042).")
@click.option("--quad", "quad", type=click.IntRange(1, 4), multiple=True, help="QuadClass 1-4 (repeatable).")
@click.option("--plover", metavar="TYPE", help="PLOVER event type (CONSULT, ASSAULT ...).")
@click.option("--text", metavar="S", help="Substring of the sentence.")
@click.option("--negated/--no-negated", default=None, help="Only denied events / only events that happened.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(0), help="At most this many events (0: all).")
@click.option("--offset", default=0, type=click.IntRange(0), help="Skip this many events first.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--count-by", type=click.Choice(["month", "year", "dyad", "source", "target", "root", "cameo", "quad", "plover"]), help="Print counts instead of events.")
@_friendly
def query(
    db: str,
    source: str | None,
    target: str | None,
    dyad: str | None,
    since: str | None,
    until: str | None,
    cameo: str | None,
    quad: tuple[int, ...],
    plover: str | None,
    text: str | None,
    negated: bool | None,
    limit: int,
    offset: int,
    fmt: str,
    count_by: str | None,
) -> None:
    """Print the stored events that match the filters (data to stdout)."""
    from .export import EventWriter
    from .store import EventFilter, Store

    pair = None
    if dyad is not None:
        parts = [p.strip() for p in dyad.split(",")]
        if len(parts) != 2 or not all(parts):
            raise click.BadParameter("write the dyad as two codes separated by a comma, e.g. ISR,PSE", param_hint="--dyad")
        pair = (parts[0], parts[1])
    filters = EventFilter(
        source=source, target=target, dyad=pair, since=since, until=until, cameo=cameo,
        quad_class=quad or None, plover=plover, text=text, negated=negated,
        limit=limit or None, offset=offset,
    )
    out = sys.stdout
    with Store(db, readonly=True) as store:
        if count_by:
            rows = store.count_by(count_by, filters, limit=limit or None)
            _write_counts(out, count_by, rows, fmt)
            return
        writer = EventWriter(out, fmt)
        for event in store.iter_events(filters):
            writer.write(event)
        writer.close()


def _write_counts(out: Any, by: str, rows: Any, fmt: str) -> None:
    import csv as csv_

    names = ["source", "target"] if by == "dyad" else [by]
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps({**dict(zip(names, r.key, strict=True)), "events": r.events, "mean_goldstein": r.mean_goldstein}) + "\n")
    elif fmt == "csv":
        w = csv_.writer(out, lineterminator="\n")
        w.writerow([*names, "events", "mean_goldstein"])
        for r in rows:
            w.writerow([*r.key, r.events, "" if r.mean_goldstein is None else f"{r.mean_goldstein:.3f}"])
    else:
        width = max([len(" ".join(names)), *(len(" -> ".join(r.key)) for r in rows)], default=5)
        out.write(f"{' -> '.join(names).upper():<{width}}  {'EVENTS':>8}  {'GOLDSTEIN':>9}\n")
        for r in rows:
            label = " -> ".join(k or "-" for k in r.key)
            gold = "" if r.mean_goldstein is None else f"{r.mean_goldstein:+.2f}"
            out.write(f"{label:<{width}}  {r.events:>8}  {gold:>9}\n")


@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "gdelt"]), required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True), help="Output file (- for stdout, not for parquet).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@click.pass_context
@_friendly
def export(ctx: click.Context, db: str, fmt: str, output: str, force: bool) -> None:
    """Export the whole database: every event mention (jsonl, csv, parquet), or the
    roll-up of real-world events as the GDELT 2.0 event table (gdelt)."""
    from .store import Store

    with Store(db, readonly=True) as store:
        count = store.export(output, fmt, force=force)
    if not ctx.obj.get("silent"):
        click.echo(f"eventcoder: {count} {'events' if fmt == 'gdelt' else 'event mentions'} written to {output}", err=True)


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
    type=click.Choice(["root", "code", "quad", "dyadtype", "dyadic", "type", "plover", "actors"]),
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
    name: plover, conflibert, case2021, plv, petrarch-unit, or all."""
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
@main.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, envvar="EVENTCODER_HOST",
              help="Address to listen on; 0.0.0.0 opens the UI to the network (no login!).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), envvar="EVENTCODER_PORT",
              help="Port to listen on.")
@click.pass_context
@_friendly
def serve(ctx: click.Context, db: str, host: str, port: int) -> None:
    """Explore the event database in the browser: search, dyad timeline, network, map.

    Opens the database read-only; the JSON API is under /api/ (see /openapi.json).
    Needs the web extra: pip install 'eventcoder[web]'.
    """
    from .web import serve as run_server

    if not ctx.obj.get("silent"):
        click.echo(f"eventcoder: serving {db} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    run_server(db, host=host, port=port)



if __name__ == "__main__":  # pragma: no cover
    main()
