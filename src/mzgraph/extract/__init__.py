"""Document → Extraction: mentions, entities and relations of one article.

Each rule family is a registered component (``registry.component``) in a module of its own,
reading and adding to a typed per-article state (``state.ArticleState``); ``pipeline.PIPELINE``
lists them in order:
places → organizations → people → posts → documents → identity → meetings → themes
→ participation → document_links.
"""
from __future__ import annotations

from ..lexicon import Lexicon
from ..model import Document, Extraction
from .pipeline import PIPELINE, extract, run_components
from .registry import component, component_names, get_component
from .state import ArticleState

__all__ = ["extract", "PIPELINE", "run_components", "component", "component_names", "get_component",
           "ArticleState", "Document", "Extraction", "Lexicon"]
