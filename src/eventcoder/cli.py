"""The ``eventcoder`` command line: a thin front, one function per command.

Data goes to stdout, logs/progress/summaries to stderr.  Exit status (the same rule for
``read``, ``code`` and ``ingest``; ``docs/reading.md``):

* 0: the run did what was asked;
* 1: a library error (:class:`~eventcoder.errors.EventcoderError`: a missing database,
  an output path that cannot be written ...), or, while reading, an input error (an
  unreadable path, a malformed row, a reader failure), an INPUT that gave no article,
  or a document that failed to code.  One line on stderr, never a traceback;
* 2: a usage error: a bad option or value (a date like 2005-02-30, an unknown CAMEO
  code or PLOVER type ...), one line on stderr.  The CLI and the web API check values
  with the same code (:class:`eventcoder.store.EventFilter`).
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

import click

from . import __version__
from .errors import ConfigError, EventcoderError

log = logging.getLogger("eventcoder")


class _Usage(click.ClickException):
    """A bad option value: one line, exit status 2."""

    exit_code = 2


def _usage(message: str) -> _Usage:
    return _Usage(message)


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
        except OSError as err:  # an output that cannot be written, a disk full ...
            where = f": {err.filename}" if getattr(err, "filename", None) else ""
            raise click.ClickException(f"{err.strerror or err}{where}") from err

    return wrapper


class _Group(click.Group):
    """The command group: usage errors are one line (``Error: ... (see --help)``), exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as err:
            path = err.ctx.command_path if err.ctx is not None else "eventcoder"
            raise _usage(f"{err.format_message()} (see `{path} --help`)") from err


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "auto_envvar_prefix": "EVENTCODER"})
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
        click.option("--date", "default_date", default=None, metavar="YYYY-MM-DD",
                     help="Publication date of inputs without one (stdin text, undated rows)."),
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


def _day(value: str | None, option: str) -> str | None:
    """A real ISO day (``YYYY-MM-DD``), else a usage error."""
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError as err:
        raise _usage(f"{option} {value!r} is not a real date YYYY-MM-DD") from err


def _read_settings(kwargs: dict[str, Any]) -> Any:
    from .ingest import ReadSettings

    return ReadSettings(
        default_date=_day(kwargs.pop("default_date"), "--date"),
        text_field=kwargs.pop("text_field"),
        date_field=kwargs.pop("date_field"),
        id_field=kwargs.pop("id_field"),
        title_field=kwargs.pop("title_field"),
        max_bytes=kwargs.pop("max_bytes"),
        url_field=kwargs.pop("url_field"),
        languages=_languages(kwargs.pop("languages")),
    )


def _coding_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that codes articles (CodingSettings)."""
    options = [
        click.option(
            "--statements",
            is_flag=True,
            help="GDELT-style output: also emit target-less statements (attributions such as "
            "'X said', CAMEO 010) and other one-sided events (docs/coding-rules.md).",
        ),
        click.option(
            "--rerank", is_flag=True,
            help="Learned scorer: choose among the codes of several lexicon patterns that fit one verb (docs/scorer.md).",
        ),
        click.option(
            "--fill", is_flag=True,
            help="Learned scorer: code verbs no pattern knows whose source and target resolved, "
            "above a calibrated probability (docs/scorer.md).",
        ),
        click.option(
            "--fill-threshold", type=click.FloatRange(0.0, 1.0), default=None,
            help="Probability from which --fill codes an event (default: the model's calibrated threshold).",
        ),
        click.option(
            "--scorer-model", type=click.Path(dir_okay=False), default=None,
            help="The scorer's model file (default: $EVENTCODER_SCORER_MODEL, then models/scorer-v1.npz; "
            "built by tools/train_scorer.py).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _model_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--model",
        default=None,
        metavar="NAME",
        help="spaCy model package to parse with (installed from PyPI; default en_core_web_sm).",
    )(func)


def _actors_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--actors",
        "actor_files",
        multiple=True,
        metavar="FILE",
        help="A user actor dictionary merged over the knowledge base: our TSV (name, code, start, end, "
        "aliases, note) or PETRARCH/Phoenix format (docs/actor-dictionaries.md). Repeatable; a later file "
        "wins. Its sha256 is kept in the provenance.",
    )(func)


def _check_actor_files(files: tuple[str, ...]) -> Any:
    """The knowledge base with the user dictionaries over it, or None without any; a bad
    file is one ``FILE:LINE: ...`` error (DictionaryError, exit 1)."""
    if not files:
        return None
    from .pipeline import load_actor_dictionary

    return load_actor_dictionary(files)


@contextlib.contextmanager
def _actors_in_env(files: tuple[str, ...]) -> Any:
    """``$EVENTCODER_ACTORS`` naming ``files`` while an ingest runs, so that the processes
    it starts (``--workers``, a local Dask cluster) load the same dictionaries."""
    from .actors.userdict import ACTORS_ENV

    if not files:
        yield
        return
    before = os.environ.get(ACTORS_ENV)
    os.environ[ACTORS_ENV] = os.pathsep.join(os.path.abspath(f) for f in files)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ACTORS_ENV, None)
        else:
            os.environ[ACTORS_ENV] = before


def _use_model(model: str | None) -> None:
    """Check the model and hand its name to every process that loads one (ingest workers)."""
    if model:
        from .nlp import MODEL_ENV, check_model

        os.environ[MODEL_ENV] = check_model(model)


def _coding_settings(kwargs: dict[str, Any]) -> Any:
    from .pipeline import CodingSettings

    return CodingSettings(
        statements=kwargs.pop("statements"),
        rerank=kwargs.pop("rerank"),
        fill=kwargs.pop("fill"),
        fill_threshold=kwargs.pop("fill_threshold"),
        scorer_model=kwargs.pop("scorer_model"),
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


def _undated_warning(ctx: click.Context, n: int) -> None:
    if n and not ctx.obj.get("silent"):
        click.echo(
            f"eventcoder: warning: {n} document{'s have' if n != 1 else ' has'} no publication date: their events "
            "are dated only when the text gives a full date; give --date YYYY-MM-DD", err=True,
        )


def _open_output(output: str) -> Any:
    """The output stream: stdout for ``-``, else the file (its folder checked first)."""
    from .export import check_output_path

    if output == "-":
        return click.open_file("-", "w", encoding="utf-8")
    check_output_path(output)
    return open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115 -- closed by the caller's with


# ---------------------------------------------------------------- code
@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Output file (default stdout).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl", show_default=True)
@_actors_option
@_coding_options
@_model_option
@_reader_options
@click.pass_context
@_friendly
def code(ctx: click.Context, inputs: tuple[str, ...], output: str, fmt: str, model: str | None,
         actor_files: tuple[str, ...], **kwargs: Any) -> None:
    """Code INPUT files (text, HTML, JSONL/CSV corpus, directory, or - for stdin) into events.

    Exit status 1 when an input failed (as `eventcoder read`: an unreadable path, a
    malformed row, a reader error, or an INPUT that gave no article); 2 for a bad option.
    A text longer than the parser accepts is skipped (counted as too_large).
    """
    from .export import EventWriter, GdeltContext
    from .ingest import ReadSummary, read_inputs
    from .model import Skipped
    from .pipeline import code_batch, load_resources, parser_limit, too_long

    user_actors = _check_actor_files(actor_files)  # a bad file fails before the model loads
    _use_model(model)
    coding = _coding_settings(kwargs)
    settings = _read_settings(kwargs)
    counts: Counter[str] = Counter()
    summary = ReadSummary()
    resources = load_resources(settings=coding, actors=user_actors)
    limit = parser_limit(resources)

    def skipped(item: Skipped) -> None:
        summary.skipped[item.reason.value] += 1
        if not ctx.obj.get("silent"):
            click.echo(f"eventcoder: skipped {item.source}: {item.reason.value} {item.detail}".rstrip(), err=True)

    def articles() -> Any:
        for name in inputs:
            before = summary.articles
            for item in read_inputs([name], settings):
                if isinstance(item, Skipped):
                    skipped(item)
                    continue
                too = too_long(item, limit)
                if too is not None:
                    skipped(too)
                    continue
                summary.articles += 1
                if not item.published:
                    counts["undated"] += 1
                yield item
            summary.end_input(name, before)

    with _open_output(output) as out:
        writer = EventWriter(out, fmt)
        for coded in code_batch(articles(), resources):
            a = coded.article
            context = GdeltContext(url=a.url or "", title=a.title, publisher=a.publisher, published=a.published)
            for event in coded.events:
                writer.write(event, context)
                counts["events"] += 1
        writer.close()
    counts["articles"] = summary.articles
    _summary(ctx, counts, summary.skipped)
    _undated_warning(ctx, counts["undated"])
    if summary.failed:
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
@click.argument("inputs", nargs=-1)
@_db_option
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 256), help="Coding processes (model loaded once per worker); with --engine dask, the local cluster's size.")
@click.option("--retry-failed", is_flag=True, help="Code again the documents that failed in an earlier run.")
@click.option("--recode", is_flag=True,
              help="Also re-code stored documents coded by another coder version, model, KB, lexicon, gazetteer, "
                   "dictionary or coder setting (without INPUT: every such stored document, from its stored text).")
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
@_actors_option
@_coding_options
@_model_option
@_reader_options
@click.pass_context
@_friendly
def ingest(
    ctx: click.Context,
    inputs: tuple[str, ...],
    db: str,
    workers: int,
    retry_failed: bool,
    recode: bool,
    model: str | None,
    engine: str,
    scheduler: str | None,
    lake_dir: str | None,
    chunk_size: int | None,
    connect_timeout: float,
    actor_files: tuple[str, ...],
    **kwargs: Any,
) -> None:
    """Code INPUT files into the event database: idempotent and resumable.

    Documents already stored with the same text are skipped; a changed text is re-coded
    and its old events replaced.  Killed at any point, a rerun finishes the job.  Exit
    status as `eventcoder read` and `code`: 1 when an input failed or a document failed
    to code (recorded in the database with its reason), 2 for a bad option.

    --engine dask codes on a Dask cluster (docs/scale.md) and writes the database here,
    in input order: the same database as a local run.  With --lake DIR the workers write
    the events as Parquet files instead (load them with `eventcoder lake load`).
    """
    if not inputs and not recode:
        raise _usage("give INPUT files to ingest, or --recode to re-code the stored documents (see `eventcoder ingest --help`)")
    _use_model(model)
    # given on this command line (EVENTCODER_DB in the environment does not clash with --lake)
    explicit = {n for n in ("db", "workers") if ctx.get_parameter_source(n) == click.core.ParameterSource.COMMANDLINE}
    if engine != "dask":
        for flag, value in (("--scheduler", scheduler), ("--lake", lake_dir)):
            if value is not None:
                raise _usage(f"{flag} needs --engine dask")
    if scheduler is not None and "workers" in explicit:
        raise _usage("--workers sizes a local cluster; with --scheduler the cluster's own workers code")
    if lake_dir is not None and "db" in explicit:
        raise _usage("--lake writes Parquet files instead of the database; fill one later with `eventcoder lake load DIR --db FILE`")
    if lake_dir is not None and (retry_failed or recode):
        raise _usage("--retry-failed and --recode apply to the database; a lake rerun skips finished chunks")
    if actor_files and scheduler is not None:
        raise _usage("--actors reaches the workers eventcoder starts; a --scheduler's workers load their own "
                     "resources: set EVENTCODER_ACTORS=FILE (the file on each worker) where they run")
    _check_actor_files(actor_files)  # one FILE:LINE error before anything starts
    with _actors_in_env(actor_files):
        _ingest_run(ctx, inputs, db, workers, retry_failed, recode, engine, scheduler, lake_dir, chunk_size,
                    connect_timeout, kwargs)


def _ingest_run(ctx: click.Context, inputs: tuple[str, ...], db: str, workers: int, retry_failed: bool, recode: bool,
                engine: str, scheduler: str | None, lake_dir: str | None, chunk_size: int | None,
                connect_timeout: float, kwargs: dict[str, Any]) -> None:
    from .ingest import ReadSummary

    coding = _coding_settings(kwargs)
    settings = _read_settings(kwargs)
    read_summary = ReadSummary()
    progress = not ctx.obj.get("silent")
    if engine == "dask":
        from .distributed import DaskSettings, ingest_dask, ingest_lake

        cluster = DaskSettings(scheduler=scheduler, workers=workers, connect_timeout=connect_timeout)
        if lake_dir is not None:
            summary = ingest_lake(
                list(inputs), lake_dir, cluster=cluster, settings=settings, progress=progress,
                chunk_size=chunk_size, coding=coding, read_summary=read_summary,
            )
        else:
            summary = ingest_dask(
                list(inputs), db, cluster=cluster, settings=settings, progress=progress,
                chunk_size=chunk_size or 16, retry_failed=retry_failed, recode=recode, coding=coding,
                read_summary=read_summary,
            )
    else:
        from .store import ingest as run_ingest

        summary = run_ingest(
            list(inputs), db, workers=workers, settings=settings, progress=progress,
            retry_failed=retry_failed, recode=recode, read_summary=read_summary, coding=coding,
            chunk_size=chunk_size or 16,
        )
    if progress:
        for doc_id, reason in summary.failures:
            click.echo(f"eventcoder: failed {doc_id}: {reason}", err=True)
        click.echo("eventcoder: " + summary.line(), err=True)
    _undated_warning(ctx, summary.undated)
    if summary.failed or read_summary.failed:
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


def _filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The event filters shared by `query` and `export` (the web API has the same ones)."""
    options = [
        click.option("--source", help="Source actor code or prefix (JPN, JPNGOV)."),
        click.option("--target", help="Target actor code or prefix."),
        click.option("--actor", help="Actor code or prefix on either side."),
        click.option("--dyad", metavar="A,B", help="Events between A and B, either direction."),
        click.option("--directed", is_flag=True, help="With --dyad: only events from A to B."),
        click.option("--since", metavar="DATE", help="From this date (YYYY[-MM[-DD]]), inclusive."),
        click.option("--until", metavar="DATE", help="Up to this date (YYYY[-MM[-DD]]), inclusive."),
        click.option("--cameo", metavar="CODE", help="CAMEO code or root prefix (04, 042)."),
        click.option("--quad", "quad", type=click.IntRange(1, 4), multiple=True, help="QuadClass 1-4 (repeatable)."),
        click.option("--plover", metavar="TYPE", help="PLOVER event type (CONSULT, ASSAULT ...)."),
        click.option("--text", metavar="S", help="Substring of the sentence."),
        click.option("--negated/--no-negated", default=None, help="Only denied events / only events that happened."),
        click.option("--unit", type=click.Choice(["events", "mentions"]), default="events", show_default=True,
                     help="Real-world events (the roll-up: a reprinted or two-sided event once) or mentions (sentences)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _event_filter(kwargs: dict[str, Any], *, limit: int | None = None, offset: int = 0) -> Any:
    """The EventFilter of the filter options; a bad value is a usage error (exit 2)."""
    from .store import EventFilter

    dyad = kwargs.pop("dyad")
    pair = None
    if dyad is not None:
        parts = [p.strip() for p in dyad.split(",")]
        if len(parts) != 2 or not all(parts):
            raise _usage(f"--dyad {dyad!r}: write the dyad as two codes separated by a comma, e.g. ISR,PSE")
        pair = (parts[0], parts[1])
    negated = kwargs.pop("negated")
    unit = kwargs.pop("unit")
    if negated and unit == "events":
        raise _usage("--negated lists denials, which are mentions, not events: add --unit mentions")
    try:
        return EventFilter(
            source=kwargs.pop("source"), target=kwargs.pop("target"), actor=kwargs.pop("actor"), dyad=pair,
            directed=kwargs.pop("directed"), since=kwargs.pop("since"), until=kwargs.pop("until"),
            cameo=kwargs.pop("cameo"), quad_class=kwargs.pop("quad") or None, plover=kwargs.pop("plover"),
            text=kwargs.pop("text"), negated=negated, limit=limit, offset=offset,
        ), unit
    except ConfigError as err:
        raise _usage(str(err)) from err


@main.command()
@_db_option
@_filter_options
@click.option("--limit", default=50, show_default=True, type=click.IntRange(0), help="At most this many rows (0: all).")
@click.option("--offset", default=0, type=click.IntRange(0), help="Skip this many rows first.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--count-by", type=click.Choice(["month", "year", "dyad", "source", "target", "root", "cameo", "quad", "plover"]), help="Print counts instead of events.")
@_friendly
def query(db: str, limit: int, offset: int, fmt: str, count_by: str | None, **kwargs: Any) -> None:
    """Print the stored events that match the filters (data to stdout).

    By default one row per real-world event (its first mention, with how many mentions,
    articles and sources report it) and counts of events; --unit mentions lists and
    counts every mention (sentence) instead.
    """
    from .export import EventWriter, analyst_rows
    from .store import Store

    filters, unit = _event_filter(kwargs, limit=limit or None, offset=offset)
    out = sys.stdout
    with Store(db, readonly=True) as store:
        if count_by:
            rows = store.count_by(count_by, filters, limit=limit or None, unit=unit)
            _write_counts(out, count_by, rows, fmt, unit)
            return
        writer = EventWriter(out, fmt)
        for event, context in analyst_rows(store, filters, unit=unit):
            writer.write(event, context)
        writer.close()


def _write_counts(out: Any, by: str, rows: Any, fmt: str, unit: str = "events") -> None:
    import csv as csv_

    names = ["source", "target"] if by == "dyad" else [by]
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps({**dict(zip(names, r.key, strict=True)), unit: r.events, "mean_goldstein": r.mean_goldstein}) + "\n")
    elif fmt == "csv":
        w = csv_.writer(out, lineterminator="\n")
        w.writerow([*names, unit, "mean_goldstein"])
        for r in rows:
            w.writerow([*r.key, r.events, "" if r.mean_goldstein is None else f"{r.mean_goldstein:.3f}"])
    else:
        width = max([len(" ".join(names)), *(len(" -> ".join(r.key)) for r in rows)], default=5)
        out.write(f"{' -> '.join(names).upper():<{width}}  {unit.upper():>8}  {'GOLDSTEIN':>9}\n")
        for r in rows:
            label = " -> ".join(k or "-" for k in r.key)
            gold = "" if r.mean_goldstein is None else f"{r.mean_goldstein:+.2f}"
            out.write(f"{label:<{width}}  {r.events:>8}  {gold:>9}\n")


@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "gdelt", "icews", "polecat"]), required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True), help="Output file (- for stdout, not for parquet).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@_filter_options
@click.pass_context
@_friendly
def export(ctx: click.Context, db: str, fmt: str, output: str, force: bool, **kwargs: Any) -> None:
    """Export the events that match the filters (all by default): one row per real-world
    event with its counts (--unit mentions: one per mention), with the article's URL,
    title and publisher; jsonl, csv, parquet, or event tables shaped like GDELT 2.0,
    ICEWS or POLECAT (rows without a date are left out of those, and counted)."""
    from .export import write_store
    from .store import Store

    filters, unit = _event_filter(kwargs)
    with Store(db, readonly=True) as store:
        result = write_store(store, output, fmt, force=force, filters=filters, unit=unit)
    if not ctx.obj.get("silent"):
        left = "".join(f"; {n} {reason} left out" for reason, n in sorted(result.left_out.items()))
        click.echo(f"eventcoder: {result.rows} {'events' if unit == 'events' else 'event mentions'} written to {output}{left}",
                   err=True)


# [info command]
@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_friendly
def info(db: str, fmt: str) -> None:
    """What produced the event database and what it holds: schema version, counts
    (documents, reprints, mentions, events), the fingerprints that coded its documents
    (coder version and hashes of the model, KB, lexicon, gazetteer, dictionaries,
    settings) and the last runs."""
    from .store import SCHEMA_VERSION, Store

    with Store(db, readonly=True) as store:
        data = {"database": db, "schema_version": SCHEMA_VERSION, "counts": store.stats(),
                "fingerprints": store.fingerprints(), "runs": store.runs(5)}
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    c = data["counts"]
    click.echo(f"database      {db} (schema {SCHEMA_VERSION})")
    click.echo(f"documents     {c['documents']} ({c['coded']} coded, {c['failed']} failed, {c['reprints']} reprints, "
               f"{c['undated']} undated)")
    click.echo(f"events        {c['events']} events, {c['mentions']} mentions")
    for fp in data["fingerprints"]:
        click.echo(f"fingerprint   {fp['digest'] or '(none: coded before provenance was kept; --recode redoes them)'}"
                   f"  {fp['documents']} documents")
        for key, value in sorted((fp["components"] or {}).items()):
            click.echo(f"  {key:<13}{value}")
    for run in data["runs"]:
        summary = run["summary"] or {}
        click.echo(f"run {run['id']:<9} {run['command']} {run['started']} .. {run['finished'] or '(unfinished)'}  "
                   f"fingerprint {run['fingerprint']}  {summary.get('coded', 0)} new, {summary.get('recoded', 0)} re-coded")


# [actors command]
@main.command()
@click.argument("name")
@click.option("--date", "date", default=None, help="Resolve as of this date YYYY-MM-DD (default today).")
@click.option("--country", "countries", multiple=True, metavar="ISO3",
              help="A country the article is about (repeatable, most salient first): settles "
                   "ambiguous names and gives role-only actors a country, as an article's own mentions do.")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@_actors_option
@_friendly
def actors(name: str, date: str | None, countries: tuple[str, ...], fmt: str, actor_files: tuple[str, ...]) -> None:
    """Resolve NAME as the coder does (a person, country, capital, body, group, title or
    sector phrase: "NATO Secretary General Jens Stoltenberg", "Iraq's national security
    advisor"), and show what the knowledge base knows about it."""
    import datetime as dt

    from .actors.resolve import explain_phrase
    from .errors import ConfigError
    from .nlp import load_nlp
    from .pipeline import load_actor_dictionary

    day = None
    if date is not None:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError as err:
            raise ConfigError(f"--date {date!r} is not an ISO date; use YYYY-MM-DD") from err
    for iso in countries:
        if not (len(iso) == 3 and iso.isalpha()):
            raise ConfigError(f"--country {iso!r} is not an ISO 3166 alpha-3 code such as IRQ")
    # the coder's own dictionary: the KB, with --actors files (or $EVENTCODER_ACTORS) over it
    kb = load_actor_dictionary(actor_files or None)
    from .events.coder import _place_country
    from .ground.places import load_gazetteer

    # the coder's gazetteer too: a city or province names its country ("police in Mombasa")
    found = explain_phrase(name, day or dt.date.today(), kb=kb, nlp=load_nlp(),
                           countries=tuple(c.upper() for c in countries),
                           place_country=_place_country(load_gazetteer()))
    info = kb.explain(name, date)
    actor = found.actor
    resolved = None if actor is None else {
        "code": actor.code, "country": actor.country, "role": actor.role, "name": actor.name,
        "kind": actor.kind, "country_source": actor.country_source, "head": found.head, "how": found.how,
    }
    if fmt == "json":
        click.echo(json.dumps({"actor": resolved, **info}, ensure_ascii=False, indent=2))
        return
    person = info.pop("person", None)
    click.echo(f"{'query':<22}{info.pop('query')}  (as of {info.pop('date')})")
    if resolved is None:
        click.echo(f"{'actor':<22}(none: the coder finds no actor in this phrase)")
    else:
        click.echo(f"{'actor':<22}{resolved['code']}  country {resolved['country'] or '-'}"
                   f" ({resolved['country_source'] or 'none'}), role {resolved['role'] or '-'},"
                   f" {resolved['kind']} {resolved['name'] or ''}".rstrip())
        click.echo(f"{'how':<22}{resolved['how']} (head word {resolved['head']!r})")
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
    if person is None and not info and resolved is None:
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
@_coding_options
@_model_option
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
    model: str | None,
    **kwargs: Any,
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
    coding = _coding_settings(kwargs)
    if (coding.statements or coding.learned) and (gate or update_baseline):
        raise click.UsageError(
            "the floors are pinned for the default conventions; drop --statements/--rerank/--fill with --gate or --update-baseline"
        )
    if model and (gate or update_baseline):
        raise click.UsageError("the floors are measured with the default model; drop --model for --gate/--update-baseline")
    _use_model(model)
    resources = None
    if coding.statements or coding.learned:
        from .evaluate import expand_gold, load_gold
        from .pipeline import load_resources

        for name in expand_gold(gold):  # bad names fail before the model loads
            load_gold(name)
        resources = load_resources(settings=coding)
    results = evaluate_many(gold, resources, levels=levels or None, limit=limit, errors=show_errors)
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
