"""The seed article's Kazakh part as Kazakh texts are often typed: with the Latin i for і (a Latin
keyboard), and with no Kazakh letters at all (an old font, a Russian keyboard: қ → к, ә → а …).
Both are Kazakh: the part must be read as the seed's is (same paragraphs, sentences, keywords, in
the kk slot), not as Russian, and its keyword marker "Түйiн сөздер" must still be found."""

import re
from pathlib import Path

import pytest

from ushtil import read_article
from ushtil.langid import identify

SEED = Path(__file__).parent.parent / "corpus" / "004_9d99ed68fdecf78d.txt"
PLAIN = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")


def _kazakh_part_retyped(text: str, retype) -> str:
    start = text.index("#### Д.М. Туртугулова")
    end = text.index("#### Д.М. Туртугулова, Б. Сейлхан, Ж.Б. Акимова")
    return text[:start] + retype(text[start:end]) + text[end:]


@pytest.mark.parametrize("typing", ["latin-i", "no-kazakh-letters"])
def test_kazakh_part_typed_without_kazakh_letters(tmp_path, typing):
    text = SEED.read_text(encoding="utf-8")
    if typing == "latin-i":
        retyped = _kazakh_part_retyped(text, lambda part: part.replace("і", "i").replace("І", "I"))
    else:
        retyped = _kazakh_part_retyped(text, lambda part: part.translate(PLAIN))
    path = tmp_path / "article.txt"
    path.write_text(retyped, encoding="utf-8")
    seed, article = read_article(SEED), read_article(path)
    mixed = [note for note in article.notes if note.startswith("mixed-script:")]
    assert [note for note in article.notes if note not in mixed] == seed.notes and article.missing == []
    kk, seed_kk = article.part("kk"), seed.part("kk")
    assert [len(p) for p in kk.sentences] == [len(p) for p in seed_kk.sentences]
    assert len(kk.keywords) == len(seed_kk.keywords) == 7
    if typing == "latin-i":  # the Latin i is read as і: the same text as the seed's
        assert kk.sentences == seed_kk.sentences and kk.keywords == seed_kk.keywords
        # and every word typed with it is kept where it stands, for the editor to mend
        assert len(mixed) == 1 and mixed[0].startswith("mixed-script:kk: ")
        texts = {"title": [kk.title], "authors": kk.authors, "abstract": kk.paragraphs, "keywords": kk.keywords}
        for section, index, start, written in kk.respelled:
            assert "i" in written or "I" in written
            assert texts[section][index][start:start + len(written)] == written.replace("i", "і").replace("I", "І")
        seed_text = " ".join([seed_kk.title, *seed_kk.authors, *seed_kk.paragraphs, *seed_kk.keywords])
        with_i = [word for word in re.findall(r"[^\W\d_]+", seed_text) if "і" in word.lower()]
        typed = [word.replace("і", "i").replace("І", "I") for word in with_i]
        assert [written for *_, written in kk.respelled] == typed
        assert len(with_i) == 29  # the part's own: the references' words with i are no part of it
    else:
        assert not mixed and not kk.respelled
        assert kk.keywords[-1] == "Орта Азия" and kk.title == seed_kk.title.translate(PLAIN)


def test_russian_stays_russian():
    """The rule for Kazakh typed without its letters leaves Russian texts, long and short, alone."""
    seed = read_article(SEED)
    for paragraph in seed.part("ru").paragraphs:
        assert identify(paragraph).lang == "ru"
    assert identify(seed.part("ru").title).lang == "ru"
    assert identify(" ".join(seed.part("ru").keywords)).lang == "ru"


def _plain_seed(tmp_path: Path) -> Path:
    path = tmp_path / SEED.name
    path.write_text(_kazakh_part_retyped(SEED.read_text(encoding="utf-8"), lambda part: part.translate(PLAIN)),
                    encoding="utf-8")
    return path


def test_check_reads_a_kazakh_part_typed_without_kazakh_letters_as_the_seed(tmp_path):
    """The keyword check looked for Қытай, өркениеттер … in keywords typed Кытай, оркениеттер: four
    'no kk equivalent' errors; the term rules are now looked for as so typed (kk.toml's stand_ins)."""
    import ushtil

    seed = ushtil.check(read_article(SEED))
    plain = ushtil.check(read_article(_plain_seed(tmp_path)))
    assert sorted((f.check, f.lang, f.bead) for f in plain.findings) == sorted(
        (f.check, f.lang, f.bead) for f in seed.findings)
    assert not [f for f in plain.findings if f.check in ("keyword-missing", "wrong-language")]


def test_short_sentences_of_a_plain_kazakh_part_are_not_russian():
    """A sentence of the part without a Kazakh function word read as Russian (0.73) for lacking the
    letters the whole part lacks; as a sentence of such a part it is Kazakh, and Russian pasted into
    it still is Russian."""
    from ushtil.langs import get_language

    part = " ".join(read_article(SEED).part("kk").paragraphs).translate(PLAIN)
    assert get_language("kk").typed_without_own_letters(part)
    sentence = ("Ресей Федерациясы да өз тарапынан аймақ елдерімен қарым-қатынасты дамытудың маңыздылығын "
                "мәлімдейді.").translate(PLAIN)
    assert identify(sentence).lang == "ru"  # alone, without the part: the letters' absence reads Russian
    assert identify(sentence, "kk").lang == "kk"
    russian = read_article(SEED).part("ru").sentences[3][0]
    assert identify(russian, "kk").lang == "ru"


def test_glossary_of_a_plain_kazakh_part_finds_the_known_names(tmp_path):
    """Known names written Казакстан, Кытай, АКШ: the standard forms head the entries (with the text's
    as variants), confident, as in the seed's glossary; before, the CLDR forms were not found and the
    entries were candidates (0.6)."""
    from ushtil.glossary import build_glossary

    glossary = build_glossary([_plain_seed(tmp_path)])
    entries = {entry.en: entry for entry in glossary.entries}
    for en, kk, typed in (("Kazakhstan", "Қазақстан", "Казакстан"), ("China", "Қытай", "Кытай"),
                          ("USA", "АҚШ", "АКШ"), ("Central Asia", "Орталық Азия", "Орта Азия")):
        assert en in entries, sorted(entries)
        assert entries[en].kk == kk and typed in entries[en].variants["kk"]


def test_glossary_cuts_a_plain_typed_ending_off_a_name(tmp_path):
    """Еуразиянын (Еуразияның typed without ң): the genitive so typed comes off whole; the headword was
    cut short to Еуразиян (a candidate, 0.75), it is Еуразия now, as in the seed's glossary."""
    from ushtil.glossary import build_glossary

    eurasia = build_glossary([_plain_seed(tmp_path)]).find("Eurasia")
    assert (eurasia.kk, eurasia.ru) == ("Еуразия", "Евразия")


def test_glossary_of_a_plain_kazakh_part_has_dictionary_forms(tmp_path):
    """The part's endings typed without the Kazakh letters (факторларга for факторларға) were not
    known to the lemmatiser: "субъективти факторларга" headed a Terms entry (subjective factor), and
    geopolitical transformation was a candidate as "геосаяси трансформацияны" (0.5). The part is read
    as so typed (its words lemmatised through kk.toml's stand-ins), so the entries are the seed's,
    written as the part writes them."""
    from ushtil.glossary import build_glossary

    plain = {entry.en: entry.kk for entry in build_glossary([_plain_seed(tmp_path)]).entries}
    seed = {entry.en: entry.kk for entry in build_glossary([SEED]).entries}
    for en in ("subjective factors", "geopolitical transformation", "relations", "geopolitical interests", "century"):
        assert en in plain, sorted(plain)
        assert plain[en] == seed[en].translate(PLAIN)
    assert plain["subjective factors"] == "субъективти факторлар"


def test_plain_typed_words_are_lemmatised_as_so_typed_only_in_a_plain_part():
    """Whether a word is read through the stand-ins is told by its part, not by the word: in an
    ordinary part Челси keeps its и (read through the stand-ins it would be the possessive і: Челс,
    which put Chelsea = Челс on NTREX's Terms sheet) and a word typed without the letters stays as it
    is; in a part typed so, its endings come off."""
    from ushtil.glossary.index import articles_tokens
    from ushtil.glossary.sources import Unit

    usual = "Челси командасы субъективти факторларга байланысты жеңілді."
    plain = "Біз субъективті факторларға байланысты жеңілдік.".translate(PLAIN)
    keys = [articles_tokens([[Unit(article="a", text={"en": "Chelsea lost.", "kk": text, "ru": "Челси проиграл."})]]
                            )[0]["kk"][0][1] for text in (usual, plain)]
    assert keys[0][0] == "челси" and keys[0][3] == "факторларга"
    assert keys[1][2] == "фактор"
