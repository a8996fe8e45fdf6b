"""The built-in sentence splitter: punctuation candidates judged by per-language rules.

Every run of ``. ! ? …`` followed by white space is a candidate boundary. A candidate is kept when
the next word starts a sentence (capital letter, digit, opening quote or list dash) and the word
before the period is not an abbreviation, an initial or a label. Abbreviations come in three
kinds, read from the language's data file:

* ``inner`` never end a sentence (Dr., e.g., т.е., проф.);
* ``final`` end one whenever a capitalised word follows (etc., т.б., и др.);
* ``ambiguous`` end one only when a typical sentence starter follows (г., ж., U.S.):
  "в 2019 г. Казахстан" goes on, "в 2019 г. Однако" does not.

A bracketed citation after an abbreviation ("et al. (2020)", "и др. [5]") goes on.
Initials (D.M., Zh.B., Д., Қ.-Ж.) are treated as ambiguous abbreviations, so names stay whole.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from ..langs import Language, get_language, letters
from ..read.layout import paragraph_blocks

# Terminal punctuation, then closing quotes, brackets or markdown emphasis, then a space or the end
# (after a period, ? or ! a “ closes a quote too: Kazakh texts write “Бұл жалпы не?“).
_CANDIDATE = re.compile(r"[.!?…]+[\"'»”’“)\]*_]*(?=\s|$)")
_OPENERS = "\"'«“„‘([*_`"
_CLOSERS = "\"'»”’)]*_"
#: Quotation marks that close a quote but that some texts also open one with (Kazakh "”Бұл …").
_CLOSING_QUOTES = "”»’"
# A web or e-mail address: in informal text it often ends a sentence without a period. (An address
# starts where a run of its letters does: tried inside every run, a long word took quadratic time.)
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+>?(?=\s)")
# A clock time ("09:36 AM"), the end of an e-mail header line in informal text.
_CLOCK = re.compile(r"(?<!\S)\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AP]M)?(?=\s|$)")
# A comma: in informal text "Vince," or "Thanks," alone is a greeting or closing line.
_COMMA = re.compile(r",(?=\s)")
# A colon before a capitalised sentence starter or an address: "Company: Marvel …", "here: http://…".
_COLON = re.compile(r":(?=\s)")
_DASHES = ("-", "--", "–", "—")
#: A line opening a list item: a dash or bullet, "1." or "1)", or a letter of any alphabet and ")"
#: (a), б), and Kazakh ә), ғ)).
_LIST_ITEM = re.compile(rf"\n[ \t]*(?:[-–—•·▪*]|\d{{1,2}}[.)]|[{letters()}][)])[ \t]+")
_SPACE = re.compile(r"\s+")
# Initials, also hyphenated ones of a double first name: "Zh.B", "Қ.-Ж" (Қасым-Жомарт).
_INITIALS = re.compile(r"^(?:[^\W\d_][^\W\d_]?\.-?){0,3}[^\W\d_][^\W\d_]?$")
# A citation in brackets: "(2020)", "[5]", "[5, p. 12]": after "et al." / "и др." it goes on.
_CITATION = re.compile(r"^[(\[]\d")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")
#: The most words of a label that opens a text before a colon ("Almanac:", "Breaking news:").
LABEL_WORDS = 2
#: The most words of a headline that the first sentence restates (:func:`_restates`).
HEADLINE_WORDS = 15
#: A line ending in one of these goes on into the next line (or ends a sentence by itself).
_FINAL_OR_JOINING = ".!?…:;,-–—(\"'«“„"


class RuleSplitter:
    """Sentence splitter for one language, driven by the language's data file."""

    def __init__(self, lang: str):
        self.language: Language = get_language(lang)
        self._labels = {marker.lower() for marker in self.language.abstract_markers}
        self._labels |= {marker.lower() for marker in self.language.keyword_markers}
        self._labels |= {marker.lower() for marker in self.language.section_markers}

    def split(self, text: str) -> list[str]:
        """Split running text (one or more paragraphs) into sentences, whitespace normalised."""
        return self._split(text, WordEvidence(text), opens_text=True)

    def split_paragraphs(self, paragraphs: list[str]) -> list[list[str]]:
        """Split each paragraph of one document; the first may open with a heading run into its
        first sentence (:meth:`_inline_heading`, judged with the words of the whole document)."""
        evidence = WordEvidence("\n\n".join(paragraphs))
        return [self._split(paragraph, evidence, opens_text=n == 0) for n, paragraph in enumerate(paragraphs)]

    def split_within(self, sentence: str) -> list[str]:
        """The sentences held by a unit given as one sentence (a pre-segmented line): cut at its
        sentence ends only, no heading cut off its start (a line does not open a text)."""
        return self._split(sentence, None, opens_text=False)

    def _split(self, text: str, evidence: WordEvidence | None, opens_text: bool) -> list[str]:
        sentences: list[str] = []
        for paragraph in paragraph_blocks(text):
            for block in self._heading_apart(paragraph):
                for chunk in _split_list_items(block):
                    found = self._split_chunk(chunk)
                    if opens_text and found:
                        found[:2] = self._opening_heading(found[:2], evidence)
                        opens_text = False
                    sentences.extend(found)
        return sentences

    def _heading_apart(self, paragraph: str) -> list[str]:
        """A paragraph whose first line has no final punctuation, starts with a capital, does not end
        in a function word (a wrapped line does: "the role of") and is followed by a line that starts
        with a capital opens with a heading (a title, a label, a headline): a sentence of its own."""
        first, newline, rest = paragraph.strip("\n").partition("\n")
        heading = first.strip()
        if not newline or not heading or heading[-1] in _FINAL_OR_JOINING:
            return [paragraph]
        last_word = heading.split()[-1].lower()
        if not heading[:1].isupper() or not rest.lstrip()[:1].isupper() or last_word in self.language.stop_words:
            return [paragraph]
        return [heading, rest]

    def _opening_heading(self, first: list[str], words_seen: WordEvidence) -> list[str]:
        """A text's first one or two sentences with a heading run into the first cut off
        (:meth:`_inline_heading`); a short label cut off before it at a colon ("Almanac:", "Watch:")
        belongs to the heading ("Almanac: The inventor of the Geiger Counter And now …" is the
        heading "Almanac: The inventor of the Geiger Counter" and a sentence), and stays cut off
        where no heading is found."""
        if len(first) == 2 and first[0].endswith(":") and len(first[0].split()) <= LABEL_WORDS:
            found = self._inline_heading(f"{first[0]} {first[1]}", words_seen)
            return found if len(found) == 2 else first
        return [*self._inline_heading(first[0], words_seen), *first[1:]]

    def _inline_heading(self, sentence: str, words_seen: WordEvidence) -> list[str]:
        """A text's first sentence that opens with a heading run into it on the same line (a headline,
        a title without final punctuation) is cut before the first word that starts a sentence there:
        a capitalised function word followed by a lower-case word or a number; a capitalised word after a
        sentence-final verb (Kazakh); two words that repeat two words of the heading, as a news text's
        first sentence restates its headline's subject ("… toxic masculinity Kit Harington is known",
        "… over Brexit fears The Health Secretary has written", :func:`_restates`); or, after a
        lower-case word or an acronym, a capitalised word that the document writes in lower case
        elsewhere (a common word, not a name) and that no capitalised word follows ("Senator Dianne"
        is a name). Never after a joining word ("of", "the"). Both parts need two words, and the rest
        must end like a sentence."""
        words = sentence.split(" ")
        if len(words) < 5 or sentence[-1:].rstrip(_CLOSERS) not in ("", *".!?…"):
            return [sentence]
        stop, endings = self.language.stop_words, self.language.predicate_endings
        for i in range(1, len(words) - 3):
            before, word, after = words[i], words[i + 1], words[i + 2]
            bare = word.rstrip(_CLOSERS + ".,;:!?")
            if not (bare[:1].isupper() and (bare[1:].islower() or (bare.isalpha() and len(bare) == 1))):
                continue
            if not (before[-1:].isalnum() or before[-1:] in _CLOSERS):
                continue
            if endings and before.islower() and before.endswith(endings):
                starts = True
            elif before.lower() in stop:  # an acronym ("trust US North Korea's …") may end a headline
                starts = not _is_stop(before, stop) and _restates(words[: i + 1], words[i + 1 :], stop)
            elif bare.lower() in stop:
                starts = after[:1].islower() or after[:1].isdigit() or _restates(words[: i + 1], words[i + 2 :], stop)
            else:
                running = before.islower() or (before.isupper() and len(before) > 1)  # a plain word, an acronym
                title_case = after[:1].isupper() and not after.isupper()
                starts = running and (
                    (not title_case and words_seen.common(bare)) or _restates(words[: i + 1], words[i + 1 :], stop))
            if starts:
                return [" ".join(words[: i + 1]), " ".join(words[i + 1 :])]
        return [sentence]

    def cut_heading_at(self, sentence: str, share: float, tolerance: float) -> list[str]:
        """Cut a heading off ``sentence`` where it takes about ``share`` of the characters (within
        ``tolerance`` of it, relative), before a word that can start a sentence: a capitalised word
        opening a run of capitalised words (a name may open a sentence), not after a joining word
        or a comma; a place where the sentence restates the heading (:func:`_restates`, after a name
        too) first; the sentence whole when there is no such place."""
        words = sentence.split(" ")
        total = len(sentence.replace(" ", ""))
        stop = self.language.stop_words
        found = []
        for i in range(1, len(words) - 2):
            before, word = words[i], words[i + 1].lstrip(_OPENERS)
            if not word[:1].isupper() or not (before[-1:].isalnum() or before[-1:] in _CLOSERS):
                continue
            restated = _restates(words[: i + 1], words[i + 1 :], stop)
            if _is_stop(before, stop) or (
                    before.lstrip(_OPENERS)[:1].isupper() and word.lower() not in stop and not restated):
                continue
            gap = abs(sum(map(len, words[: i + 1])) / total - share)
            if gap <= tolerance * share:
                found.append((not restated, gap, i))
        if not found:
            return [sentence]
        *_, best = min(found)
        return [" ".join(words[: best + 1]), " ".join(words[best + 1 :])]

    def _split_chunk(self, text: str) -> list[str]:
        sentences = []
        start = 0
        for match in self._candidates(text):
            end = match.end()
            if end > start and self._is_boundary(text, start, match):
                sentence = _SPACE.sub(" ", text[start:end]).strip()
                if sentence:
                    sentences.append(sentence)
                start = end
        tail = _SPACE.sub(" ", text[start:]).strip()
        if tail:
            sentences.append(tail)
        return sentences

    def _candidates(self, text: str) -> list[re.Match]:
        """Places a sentence may end: terminal punctuation, and web addresses in informal text."""
        candidates = list(_CANDIDATE.finditer(text))
        if self.language.informal:
            for pattern in (_WEB_ADDRESS, _CLOCK, _COMMA, _COLON):
                candidates += pattern.finditer(text)
            candidates.sort(key=lambda match: match.end())
        return candidates

    def _is_boundary(self, text: str, start: int, match: re.Match) -> bool:
        following = text[match.end():].lstrip()
        if not following:
            return True
        if match.re is _WEB_ADDRESS:
            return following[:1].isupper()
        if match.re is _CLOCK:  # "09:36 AM The results …", but "19:30 BST" goes on
            next_word = following.split(None, 1)[0]
            return next_word[:1].isupper() and not (len(next_word) > 1 and next_word.isupper())
        if match.re is _COLON:  # "Company: Marvel …", "Hi David: Thought …", not "2004: A quake"
            label = text[start:match.start()].split()
            if not 1 <= len(label) <= 4 or not label[-1].isalpha():
                return False
            next_word = following.split(None, 1)[0]
            return _WEB_ADDRESS.match(next_word) is not None or (
                next_word[:1].isupper() and self._is_sentence_starter(next_word))
        if match.re is _COMMA:
            words = text[start:match.start()].split()
            if words and words[-1].lower() in self.language.closing_words and len(words) <= 2:
                return following[:1].isupper()  # "Thanks, Martin"
            return self._is_sentence_starter(following.split(None, 1)[0]) and following[:1].isupper() and (
                self._is_greeting(words)
            )
        next_words = following.split(None, 2)
        next_word = next_words[0]
        if next_word in _DASHES:
            # "- Мен …" opens a line of dialogue; "?» — деді" goes on with who said it.
            return len(next_words) < 2 or not next_words[1][:1].islower()
        first = next_word.lstrip(_OPENERS + _CLOSING_QUOTES)[:1]  # ”Сөз: a closing mark opening a quote
        punctuation = match.group().rstrip(_CLOSERS)
        starts_sentence = first.isupper() or first.isdigit() or next_word[0] in "–—" or (
            not first and next_word[0] in _OPENERS
        )
        if not starts_sentence:
            return first.islower() and self._lowercase_start(text, start, match, punctuation)
        if "." not in punctuation or len(punctuation) > 1:
            return True  # ? ! … and "..." end a sentence before a capital
        before = text[start:match.start()]
        tokens = before.split()
        if not tokens:
            return False
        word = tokens[-1].strip(_OPENERS + _CLOSERS)
        kind = self._abbreviation_kind(tokens)
        if kind and _CITATION.match(next_word):
            return False
        if kind == "inner":
            return False
        if kind == "final":
            return True
        if kind == "ambiguous" or self._is_initial(word):
            return self._is_sentence_starter(next_word)
        if _NUMBER.match(word):
            # "1." opening a chunk is a list label; "Figure 1." a caption label.
            if len(tokens) == 1:
                return False
            return not (len(tokens) == 2 and tokens[0].strip(_OPENERS) in self.language.caption_words)
        # "**Abstract.** For centuries …": a label, not a sentence
        return not (len(tokens) <= 2 and before.strip(" *_#").lower().rstrip(".:") in self._labels)

    def _lowercase_start(self, text: str, start: int, match: re.Match, punctuation: str) -> bool:
        """Where the language's texts may start a sentence in lower case (informal English: "i was"),
        a ``?`` or ``!`` ends one, and so does a period after a plain word (no abbreviation, initial
        or number); an ellipsis does not."""
        if not self.language.informal:
            return False
        if match.group() != punctuation:
            return False  # "… the sunken place?" saying: a quotation inside the sentence
        if "." not in punctuation and "…" not in punctuation:
            return True
        if len(punctuation) > 1 or "…" in punctuation:
            return False  # "so... anyway": an ellipsis trails off inside the sentence
        tokens = text[start:match.start()].split()
        if not tokens:
            return False
        word = tokens[-1].strip(_OPENERS + _CLOSERS).replace("'", "")
        return len(word) >= 2 and word.isalpha() and not self._abbreviation_kind(tokens)

    def _is_greeting(self, words: list[str]) -> bool:
        """Whether the words before a comma are a greeting line ("Vince", "Hi David"), not a sentence
        adverb ("However", "Historically"); the caller checks that a sentence starter follows."""
        if not 1 <= len(words) <= 2 or not words[0][:1].isupper() or not all(map(str.isalpha, words)):
            return False
        first = words[0].lower()
        return first not in self.language.stop_words and not first.endswith(self.language.adverb_endings)

    def _abbreviation_kind(self, tokens: list[str]) -> str:
        """The kind of the longest abbreviation that ends ``tokens`` ("" when there is none)."""
        language = self.language
        for width in (3, 2, 1):
            if len(tokens) < width:
                continue
            candidate = "".join(tokens[-width:]).lstrip(_OPENERS)
            for form in (candidate, candidate.lower()):
                if form in language.inner_abbreviations:
                    return "inner"
                if form in language.final_abbreviations:
                    return "final"
                if form in language.ambiguous_abbreviations:
                    return "ambiguous"
        return ""

    def _is_initial(self, word: str) -> bool:
        if not _INITIALS.match(word) or not word[:1].isupper():
            return False
        parts = re.split(r"\.-?", word)
        return all(len(part) == 1 or part in self.language.initial_digraphs for part in parts)

    def _is_sentence_starter(self, next_word: str) -> bool:
        word = next_word.strip(_OPENERS + _CLOSERS + ".,;:!?").lower()
        return word in self.language.stop_words or word in self.language.sentence_openers


#: A word's stem, to compare inflected forms ("Федеральная" starts a sentence where the text writes
#: "федеральной" elsewhere): its first letters, all but two and between these many.
STEM_LETTERS = (4, 6)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _stem(word: str) -> str:
    shortest, longest = STEM_LETTERS
    return word[: max(shortest, min(longest, len(word) - 2))]


def _stems(word: str) -> set[str]:
    """Every stem :func:`_stem` may cut from a form of this word (the forms differ in length)."""
    return {word[:n] for n in range(STEM_LETTERS[0], STEM_LETTERS[1] + 1)} | {word}


class WordEvidence:
    """How a document writes its words: a capitalised word is a common word at a sentence start when
    the document writes it (or another form of its stem) in lower case, unless that stem is also
    capitalised inside sentences elsewhere (a name: "в России" beside "российский")."""

    def __init__(self, text: str):
        self.lower: set[str] = set()
        self.names: Counter[str] = Counter()
        previous = ""
        for match in _WORD.finditer(text):
            word = match.group()
            if word.islower():
                self.lower.add(word)
                self.lower.update(_stems(word))
            elif previous.islower() and text[match.start() - 1 : match.start()] == " ":
                self.names.update(_stems(word.lower()))
            previous = word if text[match.end() : match.end() + 1] in (" ", "") else ""

    def common(self, word: str) -> bool:
        """Whether ``word`` (capitalised) is a common word: written in lower case elsewhere, or its
        stem is, and the stem is capitalised inside a sentence at most once (here)."""
        lower = word.lower()
        return lower in self.lower or (_stem(lower) in self.lower and self.names[_stem(lower)] <= 1)


def _is_stop(word: str, stop: frozenset[str]) -> bool:
    """Whether ``word`` is a function word (an acronym is not: "US" is not "us")."""
    return word.lower() in stop and not (word.isupper() and len(word) > 1)


def _restates(heading: list[str], rest: list[str], stop: frozenset[str]) -> bool:
    """Whether ``rest`` opens with a capitalised word that says again the first word of ``heading``
    (not a function word), or with a capitalised word and the word after it, which follow each
    other in ``heading`` too (compared by :func:`_same_word`, in any case), and is longer than it: a news
    text's first sentence restating its headline's subject (not "Еуровидение 2010 ән конкурсы
    Еуровидениенің 55-ші конкурсы болады.", a definition)."""
    if len(heading) > HEADLINE_WORDS or len(rest) <= max(1, len(heading)) or not rest[0][:1].isupper():
        return False  # a headline is short, and shorter than the sentence that restates it
    bare = [word.strip(_OPENERS + _CLOSERS + ".,;:!?").lower() for word in (*heading, *rest[:2])]
    *bare, first, second = bare
    if _same_word(first, bare[0]) and heading[0].lower() not in stop:
        return True
    return any(_same_word(first, a) and _same_word(second, b) for a, b in pairwise(bare))


def _same_word(a: str, b: str) -> bool:
    """Whether two lower-case words are forms of one word: the same first letters, all but the last
    two of the shorter (at least four; "palin" and "palin's", "трамп" and "трамптың")."""
    shorter = min(len(a), len(b))
    letters = max(min(shorter, STEM_LETTERS[0]), shorter - 2)
    return shorter > 0 and a[:letters] == b[:letters]


def _split_list_items(paragraph: str) -> list[str]:
    """Cut a paragraph before each line that starts a list item (–, •, 1., a))."""
    cuts = [match.start() + 1 for match in _LIST_ITEM.finditer(paragraph)]
    bounds = [0, *cuts, len(paragraph)]
    return [paragraph[a:b] for a, b in pairwise(bounds) if paragraph[a:b].strip()]
