"""Shared fixtures: the bundled seed article and the folders in ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_ARTICLE = ROOT / "corpus" / "004_9d99ed68fdecf78d.txt"


@pytest.fixture(scope="session")
def seed_article():
    import ushtil

    return ushtil.read_article(SEED_ARTICLE)


@pytest.fixture(scope="session")
def seed_alignment(seed_article):
    import ushtil

    return ushtil.align(seed_article)
