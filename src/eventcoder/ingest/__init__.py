"""Readers: real news in, :class:`~eventcoder.model.Article` records out.

Every input ends as an Article or as a :class:`~eventcoder.model.Skipped` with its
reason; no reader raises for bad content.

=================  =========================================================
input              reader
=================  =========================================================
scraped text       :func:`read_text` (title, byline, outlet, date, dateline,
                   captions and junk found by line shape, see :mod:`.text`)
web page           :func:`read_html` (trafilatura + JSON-LD / meta tags)
JSONL, JSON, CSV   :mod:`.corpus` (``--text-field`` ... map the columns)
RSS / Atom         :mod:`.feeds` (one article per item)
WARC               :mod:`.warc` (one article per HTML response)
folder, .gz, -     :func:`read_inputs` (recursive by extension; stdin)
=================  =========================================================
"""

from __future__ import annotations

from .html_page import read_html
from .settings import DEFAULT_EXTENSIONS, ReadSettings
from .sources import read_bytes, read_inputs, read_path
from .summary import ERROR_REASONS, ReadSummary
from .text import read_text

__all__ = [
    "ReadSettings",
    "ReadSummary",
    "ERROR_REASONS",
    "DEFAULT_EXTENSIONS",
    "read_inputs",
    "read_path",
    "read_bytes",
    "read_text",
    "read_html",
]
