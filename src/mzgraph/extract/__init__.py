"""Document → Extraction: mentions, entities and relations of one article.

Stages run in order, each reading the outputs of the ones before:
places → organisations → people and posts → meetings → participation, themes, documents.
"""
from __future__ import annotations

from ..lexicon import Lexicon
from ..model import Document, Extraction
from .assemble import extract

__all__ = ["extract", "Document", "Extraction", "Lexicon"]
