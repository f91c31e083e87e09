"""The interface between mention extraction and the actor knowledge base.

:class:`ActorDictionary` is what the coder asks; :class:`KnowledgeBase`
(``actors/kb.py``, built by ``tools/build_kb.py``) is the real implementation and
:class:`MemoryActorDictionary` an in-memory fake for tests.  All lookups take surface
text as written (any case); implementations normalise it themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

__all__ = ["ActorDictionary", "OrgEntry", "PersonMatch", "MemoryActorDictionary"]


# Country codes of older CAMEO/TABARI dictionaries and gold sets -> ISO 3166 alpha-3.
OLD_COUNTRY_CODES: dict[str, str] = {
    "JAP": "JPN",  # Japan
    "ITL": "ITA",  # Italy
    "VTN": "VNM",  # Vietnam
    "GER": "DEU",  # Germany (TABARI-era)
    "UK": "GBR",
    "UKG": "GBR",
    "ROM": "ROU",  # Romania, pre-2002 ISO
    "ZAR": "COD",  # Zaire
    "TMP": "TLS",  # East Timor
    "SER": "SRB",
    "YUG": "SRB",  # Yugoslavia, as CAMEO's successor state convention
    "WSB": "PSE",  # West Bank
    "GZS": "PSE",  # Gaza Strip
    "PAL": "PSE",
    "ANG": "AGO",  # Angola (Phoenix's UNITA entry)
}


@dataclass(frozen=True, slots=True, kw_only=True)
class OrgEntry:
    """An organization: ``code`` is a full CAMEO code (``IGOUNO``, ``IGOSEAASN``, ``NGOAMN``)."""

    code: str
    name: str
    country: str | None = None  # for national bodies ("Bank of Japan" -> JPN)
    role: str | None = None
    kind: str = "organization"


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonMatch:
    """A person resolved as of a date.

    ``role`` is the CAMEO role active on that date (``GOV``, ``MIL`` ...), ``ELI`` when
    every known role ended before it, or ``None`` when the person is known only for later
    roles.  ``ambiguous`` is true when several people fit the name equally well.
    """

    name: str
    country: str | None
    role: str | None
    title: str | None = None
    code: str | None = None  # a full non-state code when the office is an IGO/NGO's ("IGOUNO")
    ambiguous: bool = False
    candidates: tuple[str, ...] = field(default=(), compare=False)


@runtime_checkable
class ActorDictionary(Protocol):
    def country_by_name(self, text: str) -> str | None:
        """"Japan", "the Philippines", "U.S." -> ISO3."""

    def country_by_adjective(self, text: str) -> str | None:
        """"Japanese", "Filipino", "Cambodian" -> ISO3 (also demonym nouns: "Britons")."""

    def country_by_capital(self, text: str) -> str | None:
        """"Beijing", "Phnom Penh" -> ISO3 of the country whose capital it is."""

    def country_candidates(self, text: str) -> tuple[str, ...]:
        """All countries an ambiguous name/adjective may mean, default first ("Korean")."""

    def organization(self, text: str) -> OrgEntry | None:
        """"ASEAN", "the United Nations", "UN Security Council" -> OrgEntry."""

    def agent(self, text: str) -> str | None:
        """A sector noun (lemma or phrase) -> role code: "navy" -> MIL, "police" -> COP."""

    def title(self, text: str) -> str | None:
        """A title -> role code: "prime minister" -> GOV, "general" -> MIL, "judge" -> JUD."""

    def person(self, name: str, date: dt.date | None = None, countries: tuple[str, ...] = ()) -> PersonMatch | None:
        """A person's name (full or surname) as of ``date`` (None: today); an ambiguous
        name is settled by the date, then by ``countries`` (the article's, most salient first)."""

    def group(self, text: str) -> OrgEntry | None:
        """An ethnic or religious group ("Kurds", "Shiites") -> OrgEntry(kind="group")."""


class MemoryActorDictionary:
    """A dict-backed ActorDictionary for tests and small custom setups."""

    def __init__(
        self,
        *,
        countries: dict[str, str] | None = None,
        adjectives: dict[str, str] | None = None,
        capitals: dict[str, str] | None = None,
        organizations: dict[str, OrgEntry] | None = None,
        agents: dict[str, str] | None = None,
        titles: dict[str, str] | None = None,
        persons: dict[str, PersonMatch] | None = None,
        ambiguous: dict[str, tuple[str, ...]] | None = None,
        groups: dict[str, OrgEntry] | None = None,
    ) -> None:
        low = lambda d: {k.lower(): v for k, v in (d or {}).items()}  # noqa: E731
        self._countries = low(countries)
        self._adjectives = low(adjectives)
        self._capitals = low(capitals)
        self._organizations = low(organizations)
        self._agents = low(agents)
        self._titles = low(titles)
        self._persons = low(persons)
        self._ambiguous = low(ambiguous)
        self._groups = low(groups)

    @staticmethod
    def _key(text: str) -> str:
        text = text.strip().lower()
        return text[4:] if text.startswith("the ") else text

    def country_by_name(self, text: str) -> str | None:
        return self._countries.get(self._key(text))

    def country_by_adjective(self, text: str) -> str | None:
        return self._adjectives.get(self._key(text))

    def country_by_capital(self, text: str) -> str | None:
        return self._capitals.get(self._key(text))

    def country_candidates(self, text: str) -> tuple[str, ...]:
        return self._ambiguous.get(self._key(text), ())

    def organization(self, text: str) -> OrgEntry | None:
        return self._organizations.get(self._key(text))

    def agent(self, text: str) -> str | None:
        return self._agents.get(self._key(text))

    def title(self, text: str) -> str | None:
        return self._titles.get(self._key(text))

    def person(self, name: str, date: dt.date | None = None, countries: tuple[str, ...] = ()) -> PersonMatch | None:
        return self._persons.get(self._key(name))

    def group(self, text: str) -> OrgEntry | None:
        return self._groups.get(self._key(text))
