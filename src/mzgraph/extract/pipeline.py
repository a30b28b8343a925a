"""The extraction pipeline: the registered components, run in the order they depend on each other.

    places → organizations → people → posts → documents → identity → meetings → themes
           → participation → document_links

Importing the family modules registers their components; ``extract`` runs ``PIPELINE`` (or any
list of registered names) over a fresh :class:`ArticleState`.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..lexicon import Lexicon
from ..model import Document, Extraction
from . import documents, identity, meetings, orgs, participation, people, places, posts, themes  # noqa: F401
from .registry import get_component
from .state import ArticleState

__all__ = ["PIPELINE", "extract", "run_components"]

PIPELINE: tuple[str, ...] = ("places", "organizations", "people", "posts", "documents", "identity", "meetings",
                             "themes", "participation", "document_links")


def run_components(state: ArticleState, names: Sequence[str]) -> ArticleState:
    """Run the named components over ``state``, in order."""
    for name in names:
        get_component(name)(state)
    return state


def extract(doc: Document, lex: Lexicon, pipeline: Sequence[str] = PIPELINE) -> Extraction:
    """Everything one article says: mentions, keyed entities, posts, meetings and their relations."""
    return run_components(ArticleState(doc, lex), pipeline).to_extraction()
