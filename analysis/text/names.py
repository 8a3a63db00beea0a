"""Names of the gazetteer's data files, read and checked: entries with their written forms.

Reads ``analysis/lexicons/gazetteer/*.yaml`` (see the README there) into
:class:`GazetteerEntry` objects and the written forms of each (name, aliases,
short aliases, nisba adjectives with their inflections). Two layers use it:
the text core, to keep names whole when splitting clitics (:func:`name_forms`:
``لافروف`` is not ل + افروف), and :mod:`analysis.entities.gazetteer`, which
compiles the forms into its matcher.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from analysis.errors import LexiconError
from analysis.lexicons import load_yaml
from analysis.text.normalize import match_form

#: Gazetteer files and the entity type of their entries.
GAZETTEER_FILES: dict[str, str] = {
    "gazetteer/persons.yaml": "PERSON",
    "gazetteer/organisations.yaml": "ORG",
    "gazetteer/places.yaml": "PLACE",
    "gazetteer/events.yaml": "EVENT",
}
_REQUIRED_FIELDS = ("id", "ar", "en")
_ARTICLE = "ال"


class GazetteerError(LexiconError):
    """A gazetteer file has a malformed entry (names the file, the entry and the reason)."""


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One entity of the gazetteer.

    Attributes:
        entity_id: Stable identifier (``lavrov``, ``russian_mod``, ``idlib``).
        canonical: Canonical Arabic name as written in the data (``سيرغي لافروف``).
        name_en: English name.
        type: ``PERSON``, ``ORG``, ``PLACE`` or ``EVENT``.
        subtype: Finer type from the data (``city``, ``ministry``, ``armed_group`` ...).
        country: ISO 3166 alpha-2 code or ``""``.
        lat: Latitude (places only).
        lon: Longitude (places only).
        role: Role of a person.
        generic: A bare office name (``وزارة الدفاع``) resolved to the specific organisation named before.
        source_file: The gazetteer file the entry comes from.
        origin: The layer of the gazetteer: ``hand`` (these files), ``cldr`` or ``geonames``
            (:mod:`analysis.entities.world`).
        population: Inhabitants, when the source gives them (world places).
    """

    entity_id: str
    canonical: str
    name_en: str
    type: str
    subtype: str = ""
    country: str = ""
    lat: float | None = None
    lon: float | None = None
    role: str = ""
    generic: bool = False
    source_file: str = ""
    origin: str = "hand"
    population: int = 0


def _nisba_forms(base: str) -> list[str]:
    """Inflected forms of a masculine nisba adjective: ``سوري`` → سوري، سورية، سوريون …"""
    stems = [base, base + "ة", base + "ون", base + "ين", base + "ان", base + "ات"]
    return stems + [_ARTICLE + s for s in stems]


def _as_list(value: Any, path: str, entry_id: str, name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GazetteerError(f"{path} [{entry_id}]: field '{name}' must be a list of strings")
    return list(value)


def _float(value: Any, path: str, entry_id: str, name: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise GazetteerError(f"{path} [{entry_id}]: field '{name}' is not a number: {value!r}") from None


def read_entries(name: str, etype: str) -> list[tuple[GazetteerEntry, dict[str, list[str]]]]:
    data = load_yaml(name)
    if data is None:
        return []
    if not isinstance(data, list):
        raise GazetteerError(f"{name}: expected a list of entries, got {type(data).__name__}")
    out = []
    for i, raw in enumerate(data):
        if not isinstance(raw, dict):
            raise GazetteerError(f"{name} [entry {i}]: expected a mapping, got {raw!r}")
        missing = [f for f in _REQUIRED_FIELDS if not raw.get(f)]
        if missing:
            raise GazetteerError(f"{name} [entry {i}: {raw.get('id', '?')}]: missing field(s) {missing}")
        eid = str(raw["id"])
        subtype = "person" if etype == "PERSON" else str(raw.get("type") or "")
        lat = _float(raw.get("lat"), name, eid, "lat")
        lon = _float(raw.get("lon"), name, eid, "lon")
        if etype == "PLACE" and (lat is None or lon is None):
            raise GazetteerError(f"{name} [{eid}]: a place needs lat and lon")
        if lat is not None and not -90 <= lat <= 90 or lon is not None and not -180 <= lon <= 180:
            raise GazetteerError(f"{name} [{eid}]: coordinates out of range ({lat}, {lon})")
        entry = GazetteerEntry(
            entity_id=eid, canonical=str(raw["ar"]), name_en=str(raw["en"]), type=etype,
            subtype=subtype, country=str(raw.get("country") or ""), lat=lat, lon=lon,
            role=str(raw.get("role") or ""), generic=bool(raw.get("generic", False)), source_file=name,
        )
        forms = {
            "alias": _as_list(raw.get("aliases"), name, eid, "aliases"),
            "short_alias": _as_list(raw.get("short_aliases"), name, eid, "short_aliases"),
            "adjective": [f for a in _as_list(raw.get("adjectives"), name, eid, "adjectives") for f in _nisba_forms(a)]
            + _as_list(raw.get("extra_forms"), name, eid, "extra_forms"),
        }
        out.append((entry, forms))
    return out



#: (entry, forms) pairs: ``forms`` maps ``alias``, ``short_alias``, ``adjective`` to written forms.
EntryForms = tuple[GazetteerEntry, dict[str, list[str]]]


@lru_cache(maxsize=1)
def gazetteer_entries() -> tuple[EntryForms, ...]:
    """Every entry of every gazetteer file with its forms, in file order (cached; see :func:`analysis.lexicons.reload`).

    Raises:
        GazetteerError: A file has a malformed entry.
    """
    out: list[EntryForms] = []
    for name, etype in GAZETTEER_FILES.items():
        out.extend(read_entries(name, etype))
    return tuple(out)


@lru_cache(maxsize=1)
def name_forms() -> frozenset[str]:
    """Single-word forms of every name, in matching form: the tokenizer's do-not-split list.

    Single-word names, aliases and adjective forms, plus every word of the
    multi-word names of persons and places (``سيرغي``, ``لافروف``, ``الزور``).

    Example:
        >>> {"لافروف", "لبنان", "بغداد", "ليبيا"} <= name_forms()
        True
    """
    out: set[str] = set()
    for entry, forms in gazetteer_entries():
        written = [(entry.canonical, "name")] + [(f, kind) for kind in ("alias", "short_alias", "adjective")
                                                 for f in forms[kind]]
        for alias, form in written:
            words = match_form(alias).split()
            if len(words) == 1:
                out.add(words[0])
            elif entry.type in ("PERSON", "PLACE") and form != "adjective":
                out.update(w for w in words if len(w) > 2)
    return frozenset(out)
