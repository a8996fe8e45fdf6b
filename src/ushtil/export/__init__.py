"""Exporters: the file formats results leave ushtil in (workbooks, TMX, TBX, CSV, JSON Lines)."""

from __future__ import annotations

from ..files import XML_ILLEGAL


def xml_safe(text: str) -> str:
    """``text`` with the characters XML cannot hold shown as U+FFFD, so one stray control code
    in a sentence cannot fail a whole workbook or TMX export."""
    return XML_ILLEGAL.sub("\ufffd", text)
