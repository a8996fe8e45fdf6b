"""Render the Alignment sheet of a review workbook to PNG the way LibreOffice Calc draws it.

LibreOffice converts the workbook to PDF (``soffice --headless --convert-to pdf``, only the Alignment
sheet left visible) and poppler's ``pdftoppm`` turns the pages into PNG, so anyone can look at the
real rendering — wrapped text, row heights, highlights, the Decision column — without a desktop.
Without a workbook argument it renders a demonstration: the seed article aligned by ``ushtil.align``,
with a few decisions filled in the way a reviewer would.

    python tools/render_review.py [REVIEW.xlsx] [-o alignment.png] [--pages 1] [--dpi 110]

Needs ``soffice`` and ``pdftoppm`` (Debian: ``apt-get install -y libreoffice-calc poppler-utils``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SEED = ROOT / "corpus" / "004_9d99ed68fdecf78d.txt"


def demo_workbook(path: Path) -> None:
    """The seed article's review workbook with an OK, a Fix (corrected Kazakh), a Split and a Reject."""
    from openpyxl import load_workbook

    import ushtil
    from ushtil.export.review_workbook import write_review_workbook

    alignment = ushtil.align(ushtil.read_article(SEED))
    write_review_workbook([alignment], path)
    workbook = load_workbook(path)
    sheet = workbook["Alignment"]
    columns = {cell.value: cell.column for cell in sheet[1]}
    fixed = next(n for n, bead in enumerate(alignment.beads, 1) if len(bead.sentences["kk"]) == 1)
    edits = {
        2: {"Decision": "OK"},
        3: {"Decision": "Split", "Comment": "two sentences, separate beads"},
        4: {"Decision": "Reject", "Comment": "wrong pairing"},
        fixed: {"Decision": "Fix", "Comment": "Kazakh corrected by the reviewer",
                "Kazakh": alignment.beads[fixed - 1].text["kk"].rstrip(".") + " (түзетілді)."},
    }
    for number, changes in edits.items():
        for title, value in changes.items():
            sheet.cell(number + 1, columns[title], value)
    workbook.save(path)


def render(workbook: Path, output: Path, pages: int = 1, dpi: int = 110, sheet: str = "Alignment") -> list[Path]:
    """PNG files of the first ``pages`` pages of one sheet (default Alignment) as LibreOffice prints it."""
    from openpyxl import load_workbook

    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"render_review: {tool} not found; "
                             "install: apt-get install -y libreoffice-calc poppler-utils")
    with tempfile.TemporaryDirectory(prefix="render-review-") as folder:
        folder = Path(folder)
        alignment_only = folder / "alignment.xlsx"
        book = load_workbook(workbook)
        book.active = book.sheetnames.index(sheet)
        for other in book.worksheets:
            other.sheet_view.tabSelected = other.title == sheet
            if other.title != sheet:
                other.sheet_state = "hidden"
        book.save(alignment_only)
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
             "--convert-to", "pdf", "--outdir", str(folder), str(alignment_only)],
            check=True, capture_output=True, timeout=300,
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        stem = output.with_suffix("")
        command = ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", str(pages)]
        if pages == 1:
            command.append("-singlefile")
        subprocess.run([*command, str(folder / "alignment.pdf"), str(stem)], check=True, timeout=300)
    if pages == 1:
        return [stem.with_suffix(".png")]
    return sorted(stem.parent.glob(f"{stem.name}-*.png"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workbook", nargs="?", type=Path,
                        help="a review workbook (default: a demonstration made from the seed article)")
    parser.add_argument("-o", "--output", type=Path, default=Path("alignment.png"), help="PNG to write")
    parser.add_argument("--pages", type=int, default=1, help="how many pages to render (default 1)")
    parser.add_argument("--dpi", type=int, default=110, help="resolution (default 110)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="render-demo-") as folder:
        workbook = args.workbook
        if workbook is None:
            workbook = Path(folder) / "seed-review.xlsx"
            demo_workbook(workbook)
        for png in render(workbook, args.output, args.pages, args.dpi):
            print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
