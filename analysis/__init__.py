"""Arabic news analysis: articles, text, numbers, entities, quotes and claims."""

__version__ = "0.1.0"
