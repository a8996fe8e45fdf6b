"""Finding and loading stanza pipelines offline (optional backend).

Models are looked up in ``$USHTIL_STANZA_DIR``, then in stanza's default ``~/stanza_resources``;
nothing is ever downloaded at run time. Pipelines are cached per language and processor set.
"""

from __future__ import annotations

import logging
import os
from functools import cache
from pathlib import Path

from .errors import MissingModelError

_INSTALL_HINT = "install it with: pip install 'ushtil[stanza]'"


def stanza_model_dir() -> Path:
    """The folder holding stanza models (``resources.json`` plus one folder per language)."""
    configured = os.environ.get("USHTIL_STANZA_DIR")
    if configured:
        return Path(configured).expanduser()
    return Path(os.environ.get("STANZA_RESOURCES_DIR", "~/stanza_resources")).expanduser()


@cache
def stanza_pipeline(lang: str, processors: str = "tokenize", pretokenized: bool = False):
    """A stanza ``Pipeline`` for ``lang`` built from local models only.

    ``pretokenized``: the input is lists of words, which stanza keeps as they are.
    """
    try:
        import stanza
    except ImportError as exc:
        raise MissingModelError(f"the stanza backend needs the stanza package; {_INSTALL_HINT}") from exc
    model_dir = stanza_model_dir()
    if not (model_dir / "resources.json").exists() or not (model_dir / lang / "tokenize").is_dir():
        raise MissingModelError(
            f"no stanza models for {lang!r} in {model_dir}: set USHTIL_STANZA_DIR to a folder with "
            f"them, or fetch them once on a connected machine with "
            f"python -c \"import stanza; stanza.download('{lang}')\""
        )
    logging.getLogger("stanza").setLevel(logging.ERROR)
    try:
        return stanza.Pipeline(
            lang, dir=str(model_dir), processors=processors, download_method=None, verbose=False,
            tokenize_pretokenized=pretokenized,
        )
    except Exception as exc:  # stanza raises many types for unusable model folders
        raise MissingModelError(f"cannot load stanza {processors} models for {lang!r} from {model_dir}: {exc}") from exc
