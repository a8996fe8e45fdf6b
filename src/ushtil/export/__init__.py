"""Exporters: the file formats results leave ushtil in (workbooks, TMX, TBX, CSV, JSON Lines)."""
