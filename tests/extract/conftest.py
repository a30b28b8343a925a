"""Shared fixtures for component tests: the lexicon once per session, and a state prepared for
one component (every component before it in ``PIPELINE`` has run, then the component alone)."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from mzgraph.extract import PIPELINE, ArticleState, get_component, run_components
from mzgraph.lexicon import Lexicon, load_lexicon
from mzgraph.reader import split_articles
from mzgraph.segment import segment


@pytest.fixture(scope="session")
def lex() -> Lexicon:
    return load_lexicon()


def prepare(text: str, name: str, lex: Lexicon) -> ArticleState:
    """The state after the components before ``name`` ran, and then ``name`` alone."""
    (article,) = split_articles(text, "t.txt")
    state = ArticleState(segment(article, lex), lex)
    run_components(state, PIPELINE[:PIPELINE.index(name)])
    get_component(name)(state)
    return state


@pytest.fixture(scope="session")
def run_component(lex) -> Callable[[str, str], ArticleState]:
    """``run_component(text, name)``: the state once ``name`` has run over ``text``."""
    return lambda text, name: prepare(text, name, lex)
