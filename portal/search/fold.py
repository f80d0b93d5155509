"""Which characters search treats as the same letter, declared once.

Text is folded where it is indexed (the SQL the triggers write, in
``portal.database.triggers``) and where it is looked up (the terms of
``portal.search.query``), from the one mapping below, so both sides always agree.
Highlighting (``portal.search.highlight``) goes the other way: it finds a folded
term in the original text and marks the text as written.

- Arabic is written with or without short vowels and other marks; a reader types
  them rarely, an editor sometimes. They are left out on both sides, as is tatweel,
  the stroke that only stretches a word.
- Arabic letters often written for one another (hamza on or under alef, alef
  maksura for ya, ta marbuta for ha, and the Persian and Urdu shapes of ya and kaf)
  become one letter. The hamza seats of waw and ya are kept: they tell words apart.
- Accents on Latin letters: a French or Spanish reader without the right keyboard
  types "seoul" and expects "Séoul". The letter ñ is kept: Spanish counts it as a
  letter of its own ("año" is not "ano").

Each character becomes one character or none, so PostgreSQL folds with one
``translate()``; SQLite has no such function and replaces each in turn. Uppercase
accented letters are listed beside the lowercase ones because SQLite's ``lower()``
only knows ASCII and FTS5 folds case after the triggers have written the text.
"""

# Marks written or left out at will: Arabic harakat (U+064B-U+065F), the
# superscript alef (U+0670) and tatweel (U+0640).
IGNORED = "".join(map(chr, range(0x064B, 0x0660))) + "\u0670\u0640"

# What each letter is looked up as: {variants: the letter they become}.
VARIANTS = {
    "\u0623\u0625\u0622\u0671": "\u0627",  # أ إ آ ٱ -> ا
    "\u0649\u06cc": "\u064a",  # ى (alef maksura), Persian ی -> ي
    "\u0629": "\u0647",  # ة -> ه
    "\u06a9": "\u0643",  # Persian ک -> ك
    "àáâãäåÀÁÂÃÄÅ": "a",
    "çÇ": "c",
    "èéêëÈÉÊË": "e",
    "ìíîïÌÍÎÏ": "i",
    "òóôõöÒÓÔÕÖ": "o",
    "ùúûüÙÚÛÜ": "u",
    "ýÿÝŸ": "y",
}

# Every character that changes, and what it becomes ("" for none).
MAPPING = {
    **{char: letter for variants, letter in VARIANTS.items() for char in variants},
    **dict.fromkeys(IGNORED, ""),
}
_TABLE = str.maketrans({char: target or None for char, target in MAPPING.items()})


def fold(text: str) -> str:
    """``text`` as search compares it: case-folded, then mapped as above."""
    return text.casefold().translate(_TABLE)


def written_as(letter: str) -> str:
    """Every character that folds to ``letter``, ``letter`` included."""
    variants = [char for char, target in MAPPING.items() if target == letter]
    return letter + "".join(variants)


# SQLite's parser overflows past about 30 nested calls: this many replacements a
# step, each step a subquery reading the one before.
SQLITE_STEP = 16


def sql(expression: str, vendor: str) -> str:
    """SQL folding the text ``expression`` the same way (case aside: the index
    folds case itself)."""
    if vendor == "postgresql":
        # translate() drops the characters of its second argument that have no
        # counterpart in its third: the ignored marks come last.
        changed = sorted(MAPPING, key=lambda char: MAPPING[char] == "")
        source = "".join(changed)
        target = "".join(MAPPING[char] for char in changed)
        return f"translate({expression}, '{source}', '{target}')"
    changes = list(MAPPING.items())
    query = f"SELECT {expression} AS t"
    for start in range(0, len(changes), SQLITE_STEP):
        step = "t"
        for char, target in changes[start : start + SQLITE_STEP]:
            step = f"replace({step}, '{char}', '{target}')"
        query = f"SELECT {step} AS t FROM ({query})"
    return f"({query})"
