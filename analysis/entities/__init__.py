"""Named entities: the gazetteer (hand and world layers), names found by their cues, candidates.

Modules: :mod:`analysis.entities.gazetteer` (the one Aho–Corasick matcher), :mod:`analysis.entities.world`
(countries and regions from CLDR, cities from GeoNames), :mod:`analysis.entities.rules` (persons and
organisations beyond the gazetteer), :mod:`analysis.entities.mentions` (the ``entities`` layer and tables).

Layer: depends on :mod:`analysis.text` and the lexicons only.
"""

from analysis.entities.gazetteer import EntityMention, load_gazetteer
from analysis.entities.mentions import ENTITY_COLUMNS, cooccurrence, entity_mentions, find_entities

__all__ = ["ENTITY_COLUMNS", "EntityMention", "cooccurrence", "entity_mentions", "find_entities", "load_gazetteer"]
