"""Package names imported on first use (PEP 562): a command loads only the stages it runs (``check``
of a work folder reads alignment files without the aligner's numerical code)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable


def lazy_names(package: str, modules: dict[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` for ``package``: ``modules`` maps each public name to the submodule
    that defines it, imported when the name is first asked for (and kept in the package)."""

    def __getattr__(name: str) -> object:
        if name not in modules:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{modules[name]}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
