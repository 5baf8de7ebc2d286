"""The thin layer forcevet adds to the OpenSanctions name tools, for their measured weak spots.

rigour normalises, transliterates and tags names and nomenklatura's logic-v2
compares them; nothing here repeats that. This module only:

- folds Urdu and Persian letters to the Arabic letters rigour's name data is
  written in (محمد مسعود اظہر scores 0.60 against "Mohammad Masood Azhar" until
  its heh goal is folded to heh, then 0.90);
- splits an acronym written beside a name ("LASHKAR I JHANGVI (LJ)") into a
  name of its own, and tells whether a short name abbreviates a long one
  (HAMAS, LeT, JeM score 0 against their full names in logic-v2);
- recognises kunyas ("Abu ...", "Umm ..."), the aliases lists mark low quality;
- reads a name without the particle that joins two of its words, which Persian
  and Urdu write as the izafat "-e-", "-i-", " e " or not at all, and the
  Arabic article as "ud", "ul" or "al" (Jaish-e-Mohammed scores 0.67 against
  the listed Jaish-i-Mohammed, below the threshold; both read "jaish mohammed").

Everything is plain string work: importing this module loads no name data.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# Urdu and Persian letters and their Arabic equivalents. The first group are the
# same letters under other code points (Persian and Urdu write yeh and kaf with
# U+06CC and U+06A9, Urdu writes heh as heh goal or doachashmee); the second are
# Urdu's retroflex letters and Persian's letters for sounds Arabic lacks, which
# Arabic-script lists write with the nearest Arabic letter.
FOLDS = {
    "\u06c1": "\u0647",  # ہ heh goal -> ه heh
    "\u06c2": "\u0647",  # ۂ heh goal with hamza -> ه
    "\u06be": "\u0647",  # ھ heh doachashmee -> ه
    "\u06c0": "\u0647",  # ۀ heh with yeh above -> ه
    "\u06c3": "\u0629",  # ۃ teh marbuta goal -> ة teh marbuta
    "\u06cc": "\u064a",  # ی farsi yeh -> ي yeh
    "\u06d2": "\u064a",  # ے yeh barree -> ي
    "\u06d3": "\u0626",  # ۓ yeh barree with hamza -> ئ
    "\u06a9": "\u0643",  # ک keheh -> ك kaf
    "\u0679": "\u062a",  # ٹ tteh -> ت teh
    "\u0688": "\u062f",  # ڈ ddal -> د dal
    "\u0691": "\u0631",  # ڑ rreh -> ر reh
    "\u06ba": "\u0646",  # ں noon ghunna -> ن noon
    "\u067e": "\u0628",  # پ peh -> ب beh
    "\u0686": "\u062c",  # چ tcheh -> ج jeem
    "\u0698": "\u0632",  # ژ jeh -> ز zain
    "\u06af": "\u0643",  # گ gaf -> ك kaf
}
_FOLD_TABLE = str.maketrans(FOLDS)

# Words that join the parts of a name and rarely start an acronym: Urdu/Persian
# izafat (Lashkar-e-Tayyiba), the Arabic article and its assimilated forms
# (Jamaat-ud-Dawa), and English and French function words.
FUNCTION_WORDS = frozenset(
    ["of", "the", "and", "for", "in", "on", "to", "de", "du", "des", "la", "le", "les", "et", "y"]
)
PARTICLES = FUNCTION_WORDS | frozenset(
    [
        "e",
        "i",
        "ul",
        "ud",
        "ur",
        "us",
        "ut",
        "un",
        "uz",
        "al",
        "el",
        "ad",
        "as",
        "at",
        "an",
        "ar",
        "az",
        "ash",
        "wa",
        "wal",
    ]
)
# Izafat particles are interchangeable in acronyms: JeM is Jaish-e-Mohammed,
# listed as Jaish-i-Mohammed.
_IZAFAT = str.maketrans({"i": "e"})
KUNYA_WORDS = frozenset(["abu", "abou", "abo", "umm", "um", "أبو", "ابو", "أم", "ام"])
# The particles that join two words of a name: the izafat (Lashkar-e-Tayyiba,
# Jaish-i-Mohammed) and the Arabic article, as Urdu writes it before the next word
# (Jamaat-ud-Dawa, Zaki-ur-Rehman, Harakat ul-Mujahidin) and as Arabic does
# (Jama'at al-Dawa, Ansar al-Islam). "un" is left out: it is a Korean name part.
IZAFAT = frozenset(["e", "i"])
JOINING_ARTICLES = frozenset(["ul", "ud", "ur", "us", "ut", "uz", "al", "el"])
_TOKENS = re.compile(r"[^\W\d_]+", re.UNICODE)
# A name cut into words and what joins them (spaces, hyphens); an apostrophe stays
# inside its word, so the "at" of "Jama'at" is no particle.
_PIECES = re.compile(r"(\s*-\s*|\s+)")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u02bb`]")
# What a particle between two words looks like, to skip names without one quickly.
_MAYBE_PARTICLE = re.compile(r"[\s-](?:e|i|ul|ud|ur|us|ut|uz|al|el)(?=[\s-])", re.IGNORECASE)
_BRACKETED = re.compile(r"^(?P<name>.+?)\s*\((?P<inner>[^()]+)\)\s*$")
_SLASHED = re.compile(r"^(?P<name>.+?)\s*/\s*(?P<inner>[^/]+)$")


def fold_letters(text: str) -> str:
    """Return ``text`` with Urdu and Persian letters replaced by their Arabic equivalents."""
    return text.translate(_FOLD_TABLE)


def tokens(name: str) -> list[str]:
    """Return the words of a name: letters only, split at spaces, hyphens and apostrophes."""
    return _TOKENS.findall(unicodedata.normalize("NFC", name))


def split_acronym(name: str) -> list[str]:
    """Return a name and the acronym written beside it, as two names.

    "LASHKAR I JHANGVI (LJ)" gives ["LASHKAR I JHANGVI", "LJ"] and
    "HARAKAT UL-MUJAHIDIN / HUM" gives ["HARAKAT UL-MUJAHIDIN", "HUM"]; a name
    with nothing beside it, or with a bracket that is not an acronym, is kept.
    """
    for pattern in (_BRACKETED, _SLASHED):
        match = pattern.match(name.strip())
        if match and is_acronym(match.group("inner").strip()):
            return [match.group("name").strip(), match.group("inner").strip()]
    return [name]


def particle_key(name: str) -> str:
    """Return a name's words in small letters without the particles that join them: two
    names with the same key differ only in how they write those particles.

    "Jaish-e-Mohammed", "Jaish-i-Mohammed", "Jaish e Mohammed" and "Jaish Mohammed"
    all give "jaish mohammed"; "Jamaat-ud-Dawa", "Jamaat ul-Dawa" and "Jama'at
    al-Dawa" give "jamaat dawa" (an apostrophe inside a word is dropped). A particle
    counts only between two words: the article that starts a name stays ("al qaida"
    is not "qaida"), and so does one that ends it. A lone capital E or I spaced in a
    mixed-case name may be an initial ("John E Smith") and stays; joined by a hyphen,
    in small letters or in a name written all in capitals ("LASHKAR I JHANGVI") it is
    the izafat.
    """
    return _particle_key(name)[0]


def has_particles(name: str) -> bool:
    """Return whether a name has a particle joining two of its words."""
    return _particle_key(name)[1]


@lru_cache(maxsize=8192)
def _particle_key(name: str) -> tuple[str, bool]:
    text = name.strip() if name.isascii() else unicodedata.normalize("NFC", name.strip())
    pieces = _PIECES.split(text)
    if not _MAYBE_PARTICLE.search(text):  # most names: no word to look at twice
        words = (_APOSTROPHES.sub("", w).casefold() for w in pieces[::2])
        return " ".join(w for w in words if w), False
    capitals = not any(c.islower() for c in text)
    kept = []
    for at in range(0, len(pieces), 2):
        word = pieces[at]
        if (
            0 < at < len(pieces) - 1
            and _joins(word, pieces[at - 1], pieces[at + 1], capitals)
            and _LETTER.search(pieces[at - 2])
            and _LETTER.search(pieces[at + 2])
        ):
            continue
        word = _APOSTROPHES.sub("", word).casefold()
        if word:
            kept.append(word)
    return " ".join(kept), len(kept) < len([w for w in pieces[::2] if _APOSTROPHES.sub("", w)])


def _joins(word: str, before: str, after: str, capitals: bool) -> bool:
    """Return whether ``word``, between ``before`` and ``after``, is a joining particle."""
    lower = word.lower()
    if lower in JOINING_ARTICLES:
        return True
    if lower not in IZAFAT:
        return False
    return "-" in before or "-" in after or word.islower() or capitals


def name_variants(name: str) -> list[str]:
    """Return the forms of a name to match: itself, its parts around an acronym, and the
    same with Urdu and Persian letters folded, without repeats."""
    forms = split_acronym(name)
    forms += [fold_letters(f) for f in forms]
    return list(dict.fromkeys(f for f in forms if f.strip()))


def is_acronym(text: str) -> bool:
    """Return whether ``text`` is written like an acronym: one word of 2-8 letters in
    capitals (HUM, HAMAS) or with inner capitals (LeT, JeM); dots are ignored."""
    word = text.replace(".", "").strip()
    if not (2 <= len(word) <= 8) or not word.isalpha() or not word.isascii():
        return False
    capitals = sum(c.isupper() for c in word)
    return word.isupper() or (capitals >= 2 and word[0].isupper())


def could_be_acronym(text: str) -> bool:
    """Return whether a query may be an acronym: written like one, or one short word
    ("Hamas", "jem") that a person might type without capitals."""
    word = text.replace(".", "").strip()
    return is_acronym(word) or (3 <= len(word) <= 6 and word.isalpha() and word.isascii())


def acronym_forms(text: str) -> set[str]:
    """Return the lowercase forms an acronym can take: its letters, its capitals alone
    (LeT -> lt, for initials that skip particles), each with izafat i read as e."""
    word = text.replace(".", "").strip()
    forms = {word.lower()}
    if not word.isupper() and sum(c.isupper() for c in word) >= 2:
        forms.add("".join(c for c in word if c.isupper()).lower())
    return forms | {f.translate(_IZAFAT) for f in forms}


def initials(name: str) -> set[str]:
    """Return the acronyms a name of two or more words gives: the initials of every word
    (also with izafat i read as e), of the words that are not function words, and of
    the words that are not particles at all.

    "Jaish-i-Mohammed" gives {"jim", "jem", "jm"}; "Lashkar-e-Tayyiba" {"let", "lt"};
    "Al-Qaida in the Arabian Peninsula" gives "aqap" among others.
    """
    words = [w.lower() for w in tokens(name)]
    content = [w for w in words if w not in PARTICLES]
    if len(words) < 2 or not content:
        return set()
    every = "".join(w[0] for w in words)
    found = {every, every.translate(_IZAFAT)}
    found.add("".join(w[0] for w in words if w not in FUNCTION_WORDS))
    if len(content) >= 2:
        found.add("".join(w[0] for w in content))
    return {f for f in found if f.isascii() and len(f) >= 2}


def acronym_strength(short: str, name: str) -> str | None:
    """Return how well ``short`` abbreviates ``name``: "initials", "letters", "loose" or None.

    - "initials": the initials of every word, of every word but function words
      (with izafat i and e taken as one), or of the words that are not particles
      (LET, LeT and JeM for Lashkar-e-Tayyiba and Jaish-i-Mohammed; AQAP for
      Al-Qaida in the Arabian Peninsula; TTP for Tehrik-e Taliban Pakistan);
    - "letters": four or more letters that are the starts of the words in order,
      each word but a particle giving one or more (HAMAS is Ha-(a)-M-(a)-S from
      Harakat al-Muqawama al-Islamiya, the S after Islamiya's first vowel), a
      stricter form of Schwartz and Hearst's test for abbreviation definitions
      (Pacific Symposium on Biocomputing, 2003);
    - "loose": the capitals of a mixed-case acronym alone where its small letters
      stand for no particle (JeM for "Jamaat Mojahedin"): many names share them.
    """
    word = short.replace(".", "").strip()
    letters = word.lower()
    words = [w.lower() for w in tokens(name)]
    if len(words) < 2 or not word.isalpha() or not word.isascii():
        return None
    every = "".join(w[0] for w in words)
    kept = "".join(w[0] for w in words if w not in FUNCTION_WORDS)
    content = "".join(w[0] for w in words if w not in PARTICLES)
    if letters.translate(_IZAFAT) in {every.translate(_IZAFAT), kept.translate(_IZAFAT)}:
        return "initials"
    if len(content) >= 2 and letters == content:
        return "initials"
    if len(letters) >= 4 and _aligned(letters, tuple(words)):
        return "letters"
    capitals = "".join(c for c in word if c.isupper()).lower()
    if not word.isupper() and len(content) >= 2 and capitals == content:
        return "loose"
    return None


def _aligned(letters: str, words: tuple[str, ...]) -> bool:
    """Return whether ``letters`` can be cut into pieces, one per word in order, each the
    start of its word: every word but a particle gives a piece, and a word that starts
    with a vowel may give its piece from its second letter (the S of Islamiya in HAMAS)."""

    @cache
    def fits(index: int, at: int, started: bool) -> bool:
        if at == len(words):
            return index == len(letters)
        word = words[at]
        if word in PARTICLES and fits(index, at + 1, started):
            return True
        starts = [word]
        if started and word[0] in "aeiou":
            starts.append(word[1:])
        for take in range(1, len(letters) - index + 1):
            piece = letters[index : index + take]
            if any(s.startswith(piece) for s in starts) and fits(index + take, at + 1, True):
                return True
        return False

    return fits(0, 0, False)


def is_kunya(name: str) -> bool:
    """Return whether a name is a kunya ("Abu Hamza", "Umm Sayyaf"): a teknonym built on
    Abu or Umm, which lists give as low-quality aliases because many people share it."""
    words = [w.lower() for w in tokens(name)]
    return len(words) >= 2 and words[0] in KUNYA_WORDS
