"""One article, every layer: ``from analysis.document import Document``.

:class:`Document` (defined in :mod:`analysis.text.document`) tokenizes an
article once; this module imports every analysis subpackage so that each
registers its layer, and every property of a document works: ``numbers``,
``gazetteer_hits``, ``entities``, ``time_expressions``, ``quotation_spans``,
``attributions``, ``quotes``, ``claims``, ``keywords``. Every public analyser
(``extract_claims``, ``find_entities``, ``find_quotes`` …) also accepts a
``Document`` and reads its cached layers, so one article is analysed once
however many tables are asked of it.

Example:
    >>> doc = Document("وقال المرصد إن 12 مدنياً قتلوا في غارات.", doc_id="d1", reference_date="2018-03-01")
    >>> [(c["quantity_text"], c["unit"], c["source"]) for c in doc.claims]
    [('12', 'civilians', 'المرصد')]
    >>> from analysis.claims import extract_claims
    >>> extract_claims(doc)["claim_id"].tolist()
    ['d1-c001']
"""

from __future__ import annotations

# Each import registers its layers with analysis.text.document.
import analysis.attribution  # noqa: F401
import analysis.claims  # noqa: F401
import analysis.entities  # noqa: F401
import analysis.keywords  # noqa: F401
import analysis.numbers  # noqa: F401
import analysis.timex  # noqa: F401
from analysis.text.document import Document, DocumentError, as_document, registered_layers

__all__ = ["Document", "DocumentError", "as_document", "registered_layers"]
