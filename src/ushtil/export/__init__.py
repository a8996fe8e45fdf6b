"""Exporters: the file formats results leave ushtil in (workbooks, TMX, TBX, CSV, JSON Lines)."""

from __future__ import annotations

import re

#: characters XML 1.0 cannot hold (control codes, lone surrogates, U+FFFE/U+FFFF)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with the characters XML cannot hold shown as U+FFFD, so one stray control code
    in a sentence cannot fail a whole workbook or TMX export."""
    return _XML_ILLEGAL.sub("\ufffd", text)
