"""Scraped plain text: find the title, byline, outlet, date line, dateline, captions and
junk by the shape of each line, and keep the body.

The reading is heuristic and general (no rule names one outlet):

* a *unit* is a non-empty line; hard-wrapped paragraphs (wire copy) are joined first;
* *junk* is a short line made only of site furniture ("scroll to top", "Read more",
  "Share this", "Follow us on ...", cookie notices, "Advertisement", copyright lines,
  lone photo credits), dropped wherever it stands;
* the *header* runs up to the first paragraph that opens with a dateline, or else to the
  last metadata line near the top (a date line, a "By ..." line, a repeated name line, an
  outlet name).  In it: the first headline-shaped line is the title, the first sentence
  after it the standfirst, name lines the byline (each name once), outlet-shaped lines
  the publisher, date lines the publication date and caption-shaped lines (a photo
  credit at the end, "(left)", "Photo:") the captions;
* the body is every later unit that is neither junk nor a caption; a dateline at the
  start of its first paragraph ("PHNOM PENH –", "WASHINGTON (Reuters) -", "KYIV:",
  "Bangkok, March 3 —") is cut off and kept, case-normalised, as ``dateline``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Article, Skipped, SkipReason
from .build import build_article, too_large
from .dates import find_date_line
from .settings import ReadSettings

__all__ = ["ScrapedParts", "extract_parts", "extract_dateline", "clean_body", "read_text"]

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DASH = r"(?:[–—-]{1,2}|:)"
_AGENCY = r"\((?P<agency>[A-Za-z][\w .&/'-]{0,30})\)"
_UPPER_PLACE = r"(?P<place>[A-Z][A-Z.'’ -]{2,40}?(?:,\s*[A-Z][A-Za-z.]{1,20}(?:\s[A-Z][A-Za-z.]{1,20})?)?)"
_MIXED_PLACE = r"(?P<place>[A-Z][a-zà-ÿ'’.]+(?:[ -][A-Z][a-zà-ÿ'’.]+){0,3}(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][a-z]+)?)?)"
_DATE_PART = rf"(?:,\s*(?P<date>{_MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?))"
_DATELINES = (
    # "PHNOM PENH –", "WASHINGTON (Reuters) -", "LONDON, March 3 (AFP) --", "KYIV:"
    re.compile(rf"^{_UPPER_PLACE}\s*{_DATE_PART}?\s*(?:{_AGENCY})?\s*{_DASH}\s+(?=\S)"),
    # "Bangkok, March 3 —", "Kyiv, Ukraine, March 3 (AP) —"
    re.compile(rf"^{_MIXED_PLACE}{_DATE_PART}\s*(?:{_AGENCY})?\s*[–—-]{{1,2}}\s+(?=\S)"),
    # "Kyiv (Reuters) -"
    re.compile(rf"^{_MIXED_PLACE}\s*{_AGENCY}\s*[–—-]{{1,2}}\s+(?=\S)"),
)
_NOT_PLACES = {
    "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION", "EDITORIAL", "WATCH",
    "LIVE", "NOTE", "FILE", "PHOTO", "VIDEO", "CORRECTION", "FACTBOX", "EXPLAINER", "Q", "A",
    "NEW", "URGENT", "FLASH", "ALERT", "REVIEW", "COMMENT", "LETTERS", "EDITOR'S NOTE",
}  # fmt: skip

_JUNK = re.compile(
    r"""^\W*(?:
      (?:scroll|back|return|go)\s+to\s+(?:the\s+)?top(?:\s+of\s+(?:the\s+)?page)?
    | top\s+of\s+page | skip\s+to\s+(?:main\s+)?content | skip\s+navigation | menu | search | home | close
    | read\s+more\b.* | continue\s+reading\b.* | read\s+the\s+full\s+(?:story|article)\b.* | click\s+here\b.*
    | see\s+also\b.* | more\s+(?:stories|news|on\s+this\s+story)\b.* | related(?:\s+(?:articles?|stories|coverage|news|content|topics))?\s*:?.*
    | recommended(?:\s+for\s+you)?\s*:? | most\s+(?:read|popular|viewed)\s*:? | trending(?:\s+now)?\s*:? | you\s+(?:may|might)\s+also\s+like\b.*
    | share(?:\s+(?:this|the))?(?:\s+(?:article|story|page|post))?(?:\s+(?:on|via|with)\b.*)?\s*:?
    | (?:tweet|email|e-mail|print|copy\s+link|whatsapp|facebook|twitter|linkedin|reddit|telegram|pinterest|messenger|x)
      (?:[\s|,·•/]+(?:tweet|email|e-mail|print|copy\s+link|whatsapp|facebook|twitter|linkedin|reddit|telegram|pinterest|messenger|x|share))*
    | follow\s+(?:us|@\w+)\b.* | like\s+us\s+on\b.* | subscribe\b.* | sign\s+(?:up|in)\b.* | log\s*in\b.* | register\b.*
    | (?:get|download)\s+(?:our|the)\s+(?:free\s+)?(?:app|newsletter)\b.* | (?:our|the)\s+newsletter\b.* | newsletter\b.* | join\s+our\b.*
    | .*\bcookies?\b.*(?:accept|consent|policy|settings|use|experience).* | accept(?:\s+all)?(?:\s+cookies)? | privacy\s+policy.* | terms\s+(?:of|and)\s+(?:use|service|conditions).*
    | advertisement | advert | sponsored(?:\s+content)? | ad | promoted(?:\s+content)? | paid\s+content
    | ©.* | \(c\)\s.* | copyright\b.* | all\s+rights\s+reserved.*
    | (?:\d+\s+)?comments?(?:\s*\(\d+\))? | leave\s+a\s+(?:comment|reply)\b.* | show\s+comments | view\s+comments
    | (?:tags?|topics?|filed\s+under|categories|keywords)\s*:.*
    | (?:reporting|writing|editing|additional\s+reporting|compiled)\s+by\b.*
    | image\s+(?:caption|source).* | media\s+caption.* | getty\s+images | file\s+photo | photo\s*(?:credit)?\s*:\s*\S.{0,40}
    | listen\s+to\s+this\s+article.* | \d+\s+min(?:ute)?s?\s+read | reading\s+time\s*:.* | loading\.*
    | (?:previous|next)\s+(?:article|story|post)\b.* | advertise\s+with\s+us | contact\s+us | about\s+us
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
_CREDIT_TAIL = re.compile(
    r"""(?:[.!?]["”’)]?|\))\s+\(?(?:(?:photo|picture|image|file)\s*[:/]?\s*)?
        (?:[A-Z][A-Z0-9&.\-]{1,15}(?:[/ ][A-Z][A-Za-z0-9&.\-]{1,15}){0,3}
          |(?:AFP|AP|Reuters|EPA|Getty\s+Images|Shutterstock|Supplied|Xinhua|Bloomberg|Anadolu)\b[\w /.\-]{0,40})\)?\s*$""",
    re.VERBOSE,
)
_POSITION = re.compile(
    r"\((?:left|right|centre|center|middle|front|back|top|bottom|above|below|inset|pictured|L|R|C|"
    r"(?:second|third)\s+(?:from\s+)?(?:left|right)|(?:from\s+)?(?:left|right)(?:\s+to\s+(?:left|right))?)\)"
    r"|\bpictured\b",
    re.IGNORECASE,
)
_CAPTION_START = re.compile(r"^(?:photo|image|picture|caption|pictured|file\s+photo|photograph)\s*[:\-–]", re.IGNORECASE)
_PHOTO_CREDIT = re.compile(r"\((?:photo|picture|image)\b[^)]{0,60}\)|\bAP\s+Photo/|\bvia\s+Getty\s+Images\b|/(?:AFP|Reuters|EPA)\b|\bPhoto(?:graph)?:\s", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:by|written\s+by|words\s+by|text\s+by|author)\s*[:\-–]?\s+(?P<names>.{2,120})$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.|[A-Z][A-Z'’\-]+|(?:de|da|van|von|der|den|del|bin|binti|al|el|la|le|di|du|dos|ibn|ben|y)|Mc[A-Z][a-z]+)$")
_OUTLET_WORDS = re.compile(
    r"\b(?:Post|Times|News|Herald|Tribune|Journal|Gazette|Guardian|Reuters|Press|Daily|Agency|Chronicle|"
    r"Telegraph|Mail|Express|Observer|Standard|Star|Globe|Monitor|Radio|Television|TV|Broadcasting|"
    r"Network|Xinhua|AFP|AP|BBC|CNN|Kyodo|Bernama|Nation|Inquirer|Independent|Insider|Wire|Magazine|"
    r"Today|Weekly|Courier|Sun|Mirror|Examiner|Dispatch|Bulletin|Reporter|Online|Media|Agencies|Staff)\b"
    r"|\b[\w-]+\.(?:com|org|net|co\.uk|co|news|info|asia|kh|in|au)\b"
)
_SECTION_WORDS = {
    "news", "world", "politics", "business", "sport", "sports", "opinion", "asia", "europe", "africa",
    "americas", "home", "analysis", "live", "breaking", "national", "international", "latest",
    "features", "economy", "markets", "technology", "culture", "lifestyle", "video", "photos",
}  # fmt: skip
_LONE_CREDIT = re.compile(
    r"\(?(?:[A-Z]{2,8}|[A-Z][A-Za-z]{1,15}/[A-Z][\w .'\-]{1,40}|(?:AFP|AP|EPA)\s+via\s+Getty\s+Images"
    r"|AP\s+Photo/[\w .'\-]{1,40}|(?i:photo|picture|image)\s*:\s*[\w .'/\-]{1,40})\)?"
)
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True, kw_only=True)
class ScrapedParts:
    """What :func:`extract_parts` found in a scraped text."""

    body: tuple[str, ...]
    title: str | None = None
    standfirst: str | None = None
    byline: tuple[str, ...] = ()
    publisher: str | None = None
    published: str | None = None
    dateline: str | None = None
    captions: tuple[str, ...] = ()
    dropped: tuple[str, ...] = field(default=(), repr=False)  # header lines not understood


def extract_parts(text: str) -> ScrapedParts:
    """Split a scraped article into its parts (pure; never raises)."""
    units = [u for u in _units(text) if not _is_junk(u)]
    units = _drop_trailing_furniture(units)
    if not units:
        return ScrapedParts(body=())
    start = _body_start(units)
    header, body = units[:start], units[start:]
    parts = _read_header(header, repeated=_repeated(units[: start + 1]))
    kept, captions = [], list(parts["captions"])
    published = parts["published"]
    for unit in body:
        if _is_body_caption(unit):
            captions.append(unit)
            continue
        if published is None or len(kept) < 1 or unit in parts["byline_lines"]:
            iso = find_date_line(unit)
            if iso:
                published = published or iso
                continue
        if unit in parts["byline_lines"]:
            continue
        kept.append(unit)
    dateline = None
    if kept:
        dateline, first = extract_dateline(kept[0])
        if dateline:
            kept[0] = first
    return ScrapedParts(
        body=tuple(kept),
        title=parts["title"],
        standfirst=parts["standfirst"],
        byline=tuple(parts["byline"]),
        publisher=parts["publisher"],
        published=published,
        dateline=dateline,
        captions=tuple(captions),
        dropped=tuple(parts["dropped"]),
    )


# A wiki section heading left in a corpus text ("== Background ==", "==Sources=="): a
# section break, not words of the article.
_WIKI_HEADING = re.compile(r"(?<![^\s])={2,6}[^=\n]{1,80}?={2,6}(?![^\s])")


def clean_body(text: str) -> tuple[str, str | None]:
    """Light cleaning for text that is already an article body (corpus rows, extracted
    HTML): wiki headings turned into paragraph breaks, junk lines dropped and the dateline
    cut off.  Returns (text, dateline)."""
    text = _WIKI_HEADING.sub("\n\n", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    kept = [p.strip() for p in paragraphs if not _is_junk(p.strip())]
    if not kept:
        return "", None
    dateline, first = extract_dateline(kept[0])
    if dateline:
        kept[0] = first
    return "\n\n".join(kept), dateline


def extract_dateline(paragraph: str) -> tuple[str | None, str]:
    """``("Phnom Penh", rest)`` for a paragraph opening with a dateline, else ``(None, paragraph)``."""
    for pattern in _DATELINES:
        match = pattern.match(paragraph)
        if not match:
            continue
        place = match.group("place").strip(" ,-")
        if place.upper() in _NOT_PLACES or not any(c.isalpha() for c in place) or len(place) < 3:
            continue
        rest = paragraph[match.end() :]
        if len(_WORD.findall(rest)) < 3:
            continue
        return _normalise_place(place), rest
    return None, paragraph


# ----------------------------------------------------------------- units and shapes
def _units(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    units: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if _hard_wrapped(lines):
            units.extend(_join_wrapped(lines))
        else:
            units.extend(" ".join(line.split()) for line in lines)
    return units


def _hard_wrapped(lines: list[str]) -> bool:
    """Wire copy and e-mail style text: a block of lines of like length cut mid-sentence."""
    if len(lines) < 3:
        return False
    cut = sum(1 for line in lines[:-1] if len(line.strip()) >= 40 and not _SENTENCE_END.search(line.strip()))
    return cut >= 0.5 * (len(lines) - 1)


def _join_wrapped(lines: list[str]) -> list[str]:
    paragraphs: list[list[str]] = []
    for line in lines:
        indented = line[:1] in (" ", "\t")
        if not paragraphs or indented:
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    return [" ".join(" ".join(p).split()) for p in paragraphs]


def _words(unit: str) -> list[str]:
    return _WORD.findall(unit)


def _is_junk(unit: str) -> bool:
    if len(unit) > 160:
        return False
    if _JUNK.match(unit):
        return True
    # a lone photo credit: "SPM", "(AFP)", "REUTERS/Jane Doe", "AFP via Getty Images"
    return bool(_LONE_CREDIT.fullmatch(unit.strip()))


def _drop_trailing_furniture(units: list[str]) -> list[str]:
    """Short lines after the last sentence (tag lists, "Share", "Comments") are site furniture."""
    end = len(units)
    while end > 1 and len(units[end - 1]) < 80 and not _SENTENCE_END.search(units[end - 1]) and find_date_line(units[end - 1]) is None:
        end -= 1
    return units[:end]


def _is_sentence(unit: str) -> bool:
    return bool(_SENTENCE_END.search(unit)) and len(_words(unit)) >= 6


def _is_title_shaped(unit: str) -> bool:
    words = _words(unit)
    if not words or len(words) > 30 or len(unit) > 250 or find_date_line(unit):
        return False
    if unit.endswith(".") and not unit.endswith("..."):
        return False
    return any(c.isalpha() for c in unit)


def _is_name_line(unit: str) -> bool:
    words = _words(unit)
    if not 2 <= len(words) <= 5 or len(unit) > 50:
        return False
    if all(w.lower().strip(".,") in _SECTION_WORDS for w in words):
        return False
    return all(_NAME_WORD.match(w.strip(",")) for w in words) and words[0][:1].isupper()


def _is_publisher_line(unit: str) -> bool:
    words = _words(unit)
    if not 1 <= len(words) <= 8 or len(unit) > 60 or _SENTENCE_END.search(unit) and not unit.endswith(".com"):
        return False
    return bool(_OUTLET_WORDS.search(unit)) and words[0][:1].isupper()


def _is_caption(unit: str) -> bool:
    if _CAPTION_START.match(unit) or _PHOTO_CREDIT.search(unit):
        return True
    return bool(_CREDIT_TAIL.search(unit)) or bool(_POSITION.search(unit))


def _is_body_caption(unit: str) -> bool:
    """Stricter than in the header: a body paragraph may well say "(left)"."""
    if len(unit) > 500:
        return False
    if _CAPTION_START.match(unit) or _PHOTO_CREDIT.search(unit):
        return True
    return bool(_POSITION.search(unit)) and bool(_CREDIT_TAIL.search(unit))


def _repeated(units: list[str]) -> set[str]:
    counts = Counter(units)
    return {u for u, n in counts.items() if n > 1}


# ----------------------------------------------------------------- header and body
_HEADER_WINDOW = 15


def _is_meta(unit: str, repeated: set[str]) -> bool:
    return bool(
        find_date_line(unit)
        or _BYLINE.match(unit)
        or (unit in repeated and _is_name_line(unit))
        or (_is_publisher_line(unit) and len(_words(unit)) <= 6)
    )


def _body_start(units: list[str]) -> int:
    window = units[:_HEADER_WINDOW]
    for i, unit in enumerate(window):
        if extract_dateline(unit)[0]:
            return i
    repeated = _repeated(window)
    last_meta = -1
    for i, unit in enumerate(window):
        if i > 0 and _is_sentence(unit) and len(_words(unit)) >= 25 and not _is_caption(unit) and last_meta >= 0:
            break  # a long paragraph after the metadata: the body has begun
        if _is_meta(unit, repeated):
            last_meta = i
    if last_meta >= 0:
        start = last_meta + 1
        while start < len(units) - 1 and _is_caption(units[start]):
            start += 1
        return min(start, len(units))
    if len(units) > 1 and _is_title_shaped(units[0]):
        return 1
    return 0


def _read_header(header: list[str], repeated: set[str]) -> dict:
    found: dict = {
        "title": None, "standfirst": None, "byline": [], "byline_lines": set(), "publisher": None,
        "published": None, "captions": [], "dropped": [],
    }  # fmt: skip
    for i, unit in enumerate(header):
        iso = find_date_line(unit)
        if iso:
            found["published"] = found["published"] or iso
            continue
        match = _BYLINE.match(unit)
        if match:
            _add_names(found, match.group("names"))
            found["byline_lines"].add(unit)
            continue
        if found["title"] is None and _is_title_shaped(unit) and not _is_caption(unit):
            found["title"] = unit
            continue
        if _is_publisher_line(unit):
            found["publisher"] = found["publisher"] or unit
            continue
        if (_is_name_line(unit) and (unit in repeated or found["title"] is not None)) or (found["title"] is not None and _is_name_list(unit)):
            _add_names(found, unit)
            found["byline_lines"].add(unit)
            continue
        if _is_caption(unit) and (found["standfirst"] is not None or _is_strong_caption(unit)):
            found["captions"].append(unit)
            continue
        if found["standfirst"] is None and found["title"] is not None and len(_words(unit)) >= 6 and not found["captions"]:
            found["standfirst"] = unit
            continue
        if _is_caption(unit):
            found["captions"].append(unit)
            continue
        found["dropped"].append(unit)
    return found


_PLACE_SUFFIX = re.compile(r"\s+(?:in|at|from)\s+[A-Z][\w .'-]*$")


def _is_name_list(unit: str) -> bool:
    """"Jane Smith in Washington and Wei Lin in Beijing", "Ann Lee, Tom Ray": names only."""
    if len(unit) > 120:
        return False
    parts = [p for p in re.split(r"\s*(?:,|;|&|\band\b)\s*", unit) if p.strip()]
    return len(parts) >= 1 and all(_is_name_line(_PLACE_SUFFIX.sub("", p.strip())) for p in parts)


def _is_strong_caption(unit: str) -> bool:
    return bool(_CAPTION_START.match(unit) or _PHOTO_CREDIT.search(unit) or (_POSITION.search(unit) and _CREDIT_TAIL.search(unit)))


def _add_names(found: dict, names: str) -> None:
    for part in re.split(r"\s*(?:,|;|&|\band\b|\|)\s*", names):
        part = _PLACE_SUFFIX.sub("", part.strip(" .:-–"))
        if not part:
            continue
        if _OUTLET_WORDS.search(part) and not _is_name_line(part):
            found["publisher"] = found["publisher"] or part
            continue
        if part.isupper():
            part = _normalise_place(part)
        if len(_words(part)) <= 5 and part not in found["byline"]:
            found["byline"].append(part)


def _normalise_place(place: str) -> str:
    """"PHNOM PENH" -> "Phnom Penh", "WASHINGTON, D.C." -> "Washington, D.C.", "NEW YORK, NY"
    -> "New York, NY"; mixed-case names are kept as written."""
    if place != place.upper():
        return place
    head, sep, tail = place.partition(",")
    head = re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), head.lower())
    head = re.sub(r"(?<=['’])([a-z])", lambda m: m.group(1).upper(), head)
    if sep:
        tail = " ".join(t if len(t.strip(".")) <= 2 or "." in t else t.capitalize() for t in tail.split())
        return f"{head}, {tail}"
    return head


def read_text(
    text: str,
    *,
    source_path: str | None = None,
    doc_id: str | None = None,
    published: object = None,
    settings: ReadSettings | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Article | Skipped:
    """Scraped plain text as an Article, with the parts :func:`extract_parts` found.

    Values passed in (``doc_id``, ``published``, ``title``, ``url``) win over what the
    text says.  The standfirst stays out of ``text`` unless ``settings.keep_standfirst``.
    """
    settings = settings or ReadSettings()
    where = source or source_path or doc_id or "<text>"
    if not isinstance(text, str) or not text.strip():
        return Skipped(reason=SkipReason.EMPTY, source=where)
    skipped = too_large(len(text.encode("utf-8", "surrogatepass")), settings, where)
    if skipped:
        return skipped
    if _looks_binary_text(text):
        return Skipped(reason=SkipReason.BINARY, source=where, detail="control characters: not text")
    parts = extract_parts(text)
    body = list(parts.body)
    if settings.keep_standfirst and parts.standfirst:
        body.insert(0, parts.standfirst)
    warnings = [f"left out a header line not understood: {line[:80]!r}" for line in parts.dropped]
    return build_article(
        text="\n\n".join(body),
        settings=settings,
        source=where,
        doc_id=doc_id,
        title=title or parts.title,
        byline=parts.byline,
        publisher=parts.publisher,
        published=published if published not in (None, "") else parts.published,
        dateline=parts.dateline,
        url=url,
        source_path=source_path,
        captions=parts.captions,
        warnings=warnings,
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


def _looks_binary_text(text: str) -> bool:
    sample = text[:20_000]
    return "\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 100)
