"""A work folder's alignment files are read in this process even with ``--jobs 2`` (a worker's parsed
alignment cost more to pass back than to parse here); what check and glossary write is the same."""

from __future__ import annotations

import shutil

import pytest

import ushtil.engine
from conftest import SEED_ARTICLE
from ushtil.cli import main
from ushtil.read.inputs import collect_inputs


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    for n in range(3):
        text = SEED_ARTICLE.read_text(encoding="utf-8")
        (corpus / f"a{n}.txt").write_text(text.replace("Central Asia", f"Central Asia ({n})", 1), encoding="utf-8")
    folder = tmp_path_factory.mktemp("work")
    assert main(["align", str(corpus), "-o", str(folder), "-q", "--jobs", "1"]) == 0
    return corpus, folder


def test_only_alignment_files_is_what_the_inputs_say(work, tmp_path):
    corpus, folder = work
    assert collect_inputs([folder]).alignments_only
    assert collect_inputs([folder, corpus / "a0.txt"]).alignments_only  # its alignment stands for it
    shutil.copy(SEED_ARTICLE, tmp_path / "other.txt")
    assert not collect_inputs([folder, tmp_path / "other.txt"]).alignments_only
    assert not collect_inputs([corpus]).alignments_only


@pytest.fixture
def pooled(monkeypatch):
    """The functions handed to a pool of workers, by name."""
    names = []
    pool = ushtil.engine._run_in_pool

    def recording(func, items, shared, on_done, jobs):
        names.append(func.__name__)
        return pool(func, items, shared, on_done, jobs)

    monkeypatch.setattr(ushtil.engine, "_run_in_pool", recording)
    return names


def test_check_and_glossary_of_a_work_folder_read_it_here_and_write_what_one_process_writes(work, tmp_path, pooled):
    _, folder = work
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        out.mkdir()
        assert main(["check", str(folder), "--json", str(out / "check.json"), "-q", "--fresh", "--jobs", jobs]) == 1
        assert main(["glossary", str(folder), "--csv", str(out / "glossary.csv"), "--no-store", "-q", "--fresh",
                     "--jobs", jobs]) == 0
        outputs[jobs] = [(out / name).read_bytes() for name in ("check.json", "glossary.csv")]
    assert outputs["2"] == outputs["1"]
    assert "_check_numbered" in pooled  # the checks ran on the pool
    assert not {"read_aligned", "_read_file"} & set(pooled)  # read here, however it is read
