"""Splitter rules added for the UD benchmark; each case names the pattern it pins."""

from __future__ import annotations

import pytest

from ushtil.split import split_sentences

CASES = [
    # Kazakh dialogue: a dash opens a new line of speech; "— деді" goes on with who said it.
    ("kk", "Мен келдім. - Сіз қайдасыз? - Мен осындамын.", 3),
    ("kk", "«Ол қайда кетті?» — деді ол. Бәрі үнсіз қалды.", 2),
    # б.з.б. before a year does not end a sentence.
    ("kk", "Б.з.б. 330 ж. Александр Македонский жаулап алды.", 1),
    # Russian: род. before a date, backquote quotes.
    ("ru", "Томас Бейкер (род. 20 января 1934) — английский актёр.", 1),
    ("ru", "Он вернулся домой. ``Зенит'' выиграл.", 2),
    # Informal English: lower-case starts, web addresses, clock times, greetings, closings, colons.
    ("en", "i didn't want you to go. i was just going to sleep anyway.", 2),
    ("en", "was it good? yes it was.", 2),
    ("en", "so... anyway it was fine.", 1),
    ("en", "See the photos at http://www.example.com/a.htm Along with the burger try a brick.", 2),
    ("en", "Robert Morgan 09/08/2000 09:36 AM The results are in.", 2),
    ("en", "Vince, Are you going to be able to make it?", 2),
    # a sentence adverb (en.toml's adverb endings) is no greeting
    ("en", "Historically, We were late with the report.", 1),
    ("en", "Would this be fine? Thanks, Martin", 3),
    ("en", "Company: Marvel Consultants. Description: Our client is a law firm.", 3),
    # …and formal English keeps its sentence adverbs, dated lists, time zones and quoted questions.
    ("en", "Major quakes in recent years: 2004: A major quake hit Aceh. 2005: A series of quakes followed.", 2),
    ("en", "It happened on Thursday at about 19:30 BST. Police said damage was done.", 2),
    ("en", 'West went on: "You wanna see the sunken place?" saying that he would.', 1),
    ("en", "However, Russia remains the main partner. Historically, China traded along the Silk Road.", 2),
    ("en", "The data are described in Smith et al. Their study covers 2019.", 2),
    ("en", "The U.S. economy grew by $6.8 billion, e.g. in energy.", 1),
]


@pytest.mark.parametrize(("lang", "text", "count"), CASES)
def test_sentence_count(lang, text, count):
    assert len(split_sentences(text, lang)) == count, split_sentences(text, lang)


def test_a_very_long_word_is_split_in_linear_time():
    """An e-mail address was tried from every letter of a word: a 100 KB run without spaces (a base64
    image in a Markdown file) took half a minute to split, a 240 KB one over two (now under a second)."""
    import time

    started = time.perf_counter()
    assert split_sentences("Kazakh" * 17000 + " ends here. Next one.", "en") == [
        "Kazakh" * 17000 + " ends here.", "Next one."]
    assert time.perf_counter() - started < 3
