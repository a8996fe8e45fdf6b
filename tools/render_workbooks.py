"""Render every ushtil workbook to PNG the way LibreOffice Calc prints it: review, glossary and check.

Builds the three workbooks from the seed article (``ushtil align --xlsx``, ``ushtil glossary -o``,
``ushtil check -o``), or takes them from the command line, and writes one PNG per sheet page into
OUTDIR through :func:`render_review.render` (LibreOffice to PDF, poppler's pdftoppm to PNG), so
anyone can look at row heights, wrapping and page layout without a desktop.

    python tools/render_workbooks.py [-o OUTDIR] [--review R.xlsx] [--glossary G.xlsx] [--check C.xlsx]
                                     [--pages 1] [--dpi 80]

Needs ``soffice`` and ``pdftoppm`` (Debian: ``apt-get install -y libreoffice-calc poppler-utils``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_review import ROOT, SEED, demo_workbook, render

#: The sheets worth looking at in each workbook.
SHEETS = {"review": ("Alignment", "Summary"), "glossary": ("Terms", "Evidence"), "check": ("Findings", "Aligned")}


def seed_workbooks(folder: Path) -> dict[str, Path]:
    """The three workbooks of the seed article, made by the ushtil commands."""
    from ushtil.cli import main

    paths = {name: folder / f"{name}.xlsx" for name in SHEETS}
    demo_workbook(paths["review"])
    store = ROOT / "glossary" / "glossary.tsv"
    if main(["glossary", str(SEED), "--quiet", "-o", str(paths["glossary"])]
            + (["--store", str(_copy(store, folder))] if store.is_file() else [])) != 0:
        raise SystemExit("render_workbooks: the glossary build failed")
    main(["check", str(SEED), "--quiet", "-o", str(paths["check"])])
    return paths


def _copy(store: Path, folder: Path) -> Path:
    copy = folder / "glossary.tsv"
    copy.write_bytes(store.read_bytes())
    return copy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=Path("rendered"), help="folder for the PNGs")
    for name in SHEETS:
        parser.add_argument(f"--{name}", type=Path, help=f"a {name} workbook (default: made from the seed)")
    parser.add_argument("--pages", type=int, default=1, help="pages per sheet (default 1)")
    parser.add_argument("--dpi", type=int, default=80, help="resolution (default 80)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="render-workbooks-") as folder:
        paths = seed_workbooks(Path(folder))
        paths.update({name: getattr(args, name) for name in SHEETS if getattr(args, name)})
        for name, sheets in SHEETS.items():
            for sheet in sheets:
                for png in render(paths[name], args.output / f"{name}-{sheet.lower()}.png", args.pages, args.dpi,
                                  sheet=sheet):
                    print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
