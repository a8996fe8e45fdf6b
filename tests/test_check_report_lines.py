"""``check --json`` of a work folder keeps each article's line of the report (its beads as read from
the alignment file) in the folder's cache: a re-run writes the report a check without the cache
writes, after an alignment file changed too, and a damaged kept line is made again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from test_engine import damage_cache
from test_scale_cli import corpus  # noqa: F401 (the fixture)
from ushtil.cache import CACHE_FOLDER
from ushtil.cli import main


def report(work: Path, out: Path, *options: str) -> bytes:
    main(["check", str(work), "--json", str(out), "-q", "--jobs", "1", *options])
    return out.read_bytes()


def without_cache(work: Path, tmp_path: Path, name: str) -> bytes:
    """The report of a copy of ``work``'s alignment files, checked with no cache at all."""
    copy = tmp_path / name
    copy.mkdir()
    for path in work.glob("*.alignment.jsonl"):
        shutil.copy(path, copy / path.name)
    return report(copy, tmp_path / f"{name}.json", "--fresh")


def test_a_rerun_writes_the_report_a_check_without_the_cache_writes(corpus, tmp_path, capsys):  # noqa: F811
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    first = report(work, tmp_path / "first.json")
    again = report(work, tmp_path / "again.json")
    assert "findings of 6 unchanged article(s) taken from" in capsys.readouterr().err  # its own counts only
    assert again == first == without_cache(work, tmp_path, "copy")
    assert len(json.loads(again)["articles"]) == 6

    # one alignment file edited (a reviewer's correction): its line is made from the file as it is now
    edited = sorted(work.glob("*.alignment.jsonl"))[1]
    lines = edited.read_text(encoding="utf-8").splitlines(keepends=True)
    bead = json.loads(lines[0])
    bead["text"]["en"] = bead["text"]["en"] + " (corrected)"
    lines[0] = json.dumps(bead, ensure_ascii=False) + "\n"
    edited.write_text("".join(lines), encoding="utf-8")
    changed = report(work, tmp_path / "changed.json")
    assert "(corrected)" in changed.decode() and changed != first
    assert changed == without_cache(work, tmp_path, "copy-changed")

    # the kept lines damaged (their checksums no longer hold): made again, never used
    assert damage_cache(work / CACHE_FOLDER, '"alignment_signature"', '"alignment_signaturX"') >= 6
    repaired = report(work, tmp_path / "repaired.json")
    assert repaired == changed
