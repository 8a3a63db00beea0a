"""Named entities: the gazetteer matcher and candidate names (see :mod:`analysis.entities.mentions`).

Layer: depends on :mod:`analysis.text` and the lexicons only.
"""

from analysis.entities.gazetteer import EntityMention, load_gazetteer
from analysis.entities.mentions import ENTITY_COLUMNS, cooccurrence, entity_mentions, find_entities

__all__ = ["ENTITY_COLUMNS", "EntityMention", "cooccurrence", "entity_mentions", "find_entities", "load_gazetteer"]
