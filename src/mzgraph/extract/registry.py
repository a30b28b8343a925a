"""A registry of extraction components, in the spirit of spaCy's ``@Language.component``.

A component is a function ``(state: ArticleState) -> None`` registered under a name; it reads
what earlier components added to the state and adds its own findings. The pipeline lists the
names in order (``extract.pipeline.PIPELINE``); a component never calls another directly.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from ..errors import MzgraphError

if TYPE_CHECKING:
    from .state import ArticleState

Component = Callable[["ArticleState"], None]
_COMPONENTS: dict[str, Component] = {}

__all__ = ["Component", "component", "get_component", "component_names"]


def component(name: str) -> Callable[[Component], Component]:
    """Register the decorated function as the component ``name``."""
    def register(func: Component) -> Component:
        if name in _COMPONENTS and _COMPONENTS[name] is not func:
            raise MzgraphError(f"extraction component {name!r} is registered twice")
        _COMPONENTS[name] = func
        return func
    return register


def get_component(name: str) -> Component:
    try:
        return _COMPONENTS[name]
    except KeyError:
        known = ", ".join(sorted(_COMPONENTS))
        raise MzgraphError(f"no extraction component {name!r} (known: {known})") from None


def component_names() -> tuple[str, ...]:
    return tuple(sorted(_COMPONENTS))
