"""A glossary re-run after articles were added at the end takes each earlier unit's candidate finds
(acronyms, names, keyword entries) from the work folder and looks only at the new units, when these
write in lower case no word the earlier ones write otherwise, and no name inside a sentence that those
do not (either would change what an earlier unit finds); what it writes is what a fresh build
writes. Kept finds that are not what they should be are not used."""

from __future__ import annotations

import marshal

from test_glossary_incremental import assert_equals_a_fresh_build, glossary
from test_glossary_index_cache import rebuilt_after_adding
from test_scale_cli import corpus  # noqa: F401 (the fixture)
from ushtil.cache import CACHE_FOLDER, ResultCache
from ushtil.cli import main
from ushtil.glossary import candidates


def test_new_units_alone_are_looked_at_unless_they_change_what_earlier_ones_find(corpus, tmp_path, capsys):  # noqa: F811
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    glossary(work, tmp_path / "first", "--jobs", "1")
    assert "the candidates are found over all" in capsys.readouterr().err

    # the seed article again, its words all written as before: only its units are looked at
    added, said = rebuilt_after_adding(corpus, work, tmp_path / "added", capsys, "zz-seed-again.txt", "Kazakhstan",
                                       "Kazakhstan", "--jobs", "2")
    assert "the candidates' finds of the first " in said and " taken from the last build and " in said
    assert_equals_a_fresh_build(work, tmp_path / "fresh-added", added, capsys)

    # a word no earlier unit writes at all, in lower case: only the new units are looked at
    new_word, said = rebuilt_after_adding(corpus, work, tmp_path / "new-word", capsys, "zz-seed-new-word.txt",
                                          "Kazakhstan", "qazaqstanish", "--jobs", "1")
    assert "the candidates' finds of the first " in said
    assert_equals_a_fresh_build(work, tmp_path / "fresh-new-word", new_word, capsys, articles=8)

    # a word earlier units write capitalised, now in lower case too: every unit is looked at again
    lower, said = rebuilt_after_adding(corpus, work, tmp_path / "lower", capsys, "zz-seed-lower.txt", "Kazakhstan",
                                       "kazakhstan", "--jobs", "1")
    assert "the candidates are found over all" in said
    assert_equals_a_fresh_build(work, tmp_path / "fresh-lower", lower, capsys, articles=9)


def test_kept_finds_of_units_it_did_not_count_are_discarded(corpus, tmp_path, capsys):  # noqa: F811
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    glossary(work, tmp_path / "first", "--jobs", "1")
    results = ResultCache(work / CACHE_FOLDER)
    keys, sizes, lower_words, mid_keys, mid_words, found, not_lower = marshal.loads(
        results.get_bytes(candidates._LAST_FINDS))
    found.append((sum(sizes), ("Nowhere",), "name", ""))  # a unit past those counted (its checksum made anew)
    results.put_bytes(candidates._LAST_FINDS, marshal.dumps((keys, sizes, lower_words, mid_keys, mid_words, found,
                                                                    not_lower)))
    results.flush()
    added, said = rebuilt_after_adding(corpus, work, tmp_path / "added", capsys, "zz-seed-again.txt", "Kazakhstan",
                                       "Kazakhstan", "--jobs", "1")
    assert "the candidates are found over all" in said
    assert ResultCache(work / CACHE_FOLDER).get_bytes(candidates._LAST_FINDS) is not None  # stored anew
    assert_equals_a_fresh_build(work, tmp_path / "fresh-added", added, capsys)
