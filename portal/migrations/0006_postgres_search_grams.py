"""PostgreSQL search: a gram index kept in step by triggers, like SQLite's FTS5 table.

pg_trgm on whole bodies (0005) needed a full scan for two-syllable Korean words,
which are shorter than a trigram, and rechecked every long text it matched: 250 ms
a query over 10,000 posts. Here each item's text is split into words, and every
1-, 2- and 3-character piece of a word becomes a lexeme of a ``tsvector``. A term of
up to three characters is then one exact GIN lookup; a longer term looks up its
trigrams and is confirmed with ``strpos`` on the stored lower-cased text.

Rows mirror portal_search_index on SQLite: rowid = post id, or -programme id.
Nothing happens on SQLite.
"""

import importlib

from django.db import migrations

# Words split only at ASCII spaces and punctuation: in the C locale PostgreSQL's
# classes do not know Hangul, and a wider word only adds pieces, never loses one.
# Text past 100,000 characters is not cut into pieces, which keeps every tsvector
# far below PostgreSQL's 1 MB limit.
GRAMS = """
CREATE FUNCTION portal_search_grams(doc text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(substr(w, i, n))), ''::tsvector)
  FROM (SELECT DISTINCT w
        FROM regexp_split_to_table(left(doc, 100000), '[[:space:][:punct:]]+') w
        WHERE w <> '') words,
       generate_series(1, 3) n,
       generate_series(1, length(w) - n + 1) i
$$
"""

TABLE = [
    "CREATE TABLE portal_search_document ("
    "rowid bigint PRIMARY KEY, title text NOT NULL, content text NOT NULL, "
    "title_grams tsvector NOT NULL, grams tsvector NOT NULL)",
    "CREATE INDEX portal_search_document_grams "
    "ON portal_search_document USING gin (grams)",
    "CREATE INDEX portal_search_document_title_grams "
    "ON portal_search_document USING gin (title_grams)",
]

STORE = """
CREATE FUNCTION portal_search_store(key bigint, title text, content text)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO portal_search_document AS d (rowid, title, content, title_grams, grams)
  VALUES (key, lower(title), lower(content),
          portal_search_grams(lower(title)), portal_search_grams(lower(content)))
  ON CONFLICT (rowid) DO UPDATE SET
    title = EXCLUDED.title, content = EXCLUDED.content,
    title_grams = EXCLUDED.title_grams, grams = EXCLUDED.grams
$$
"""


def _text(*columns: str) -> str:
    return " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)


def _post_text(t: str) -> tuple[str, str]:
    title = _text(f"{t}.title_ko", f"{t}.title_en")
    rest = _text(*(f"{t}.{f}_{c}" for f in ("summary", "body") for c in ("ko", "en")))
    return title, f"{title} || ' ' || {rest}"


def _program_text(t: str) -> tuple[str, str]:
    title = _text(f"{t}.name_ko", f"{t}.name_en")
    rest = _text(
        *(f"{t}.{f}_{c}" for f in ("summary", "description") for c in ("ko", "en"))
    )
    faq = _text(*(f"f.{f}_{c}" for f in ("question", "answer") for c in ("ko", "en")))
    return title, (
        f"{title} || ' ' || {rest} || ' ' || coalesce((SELECT string_agg({faq}, ' ' "
        f"ORDER BY f.id) FROM portal_faqentry f WHERE f.program_id = {t}.id), '')"
    )


POST_TEXT = "title_ko, title_en, summary_ko, summary_en, body_ko, body_en"
PROGRAM_TEXT = "name_ko, name_en, summary_ko, summary_en, description_ko, description_en"
FAQ_TEXT = "question_ko, question_en, answer_ko, answer_en, program_id"

TRIGGERS = [
    # Posts
    f"""
CREATE FUNCTION portal_post_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM portal_search_document WHERE rowid = OLD.id;
  ELSE
    PERFORM portal_search_store(NEW.id, {", ".join(_post_text("NEW"))});
  END IF;
  RETURN NULL;
END $$
""",
    f"CREATE TRIGGER portal_post_search AFTER INSERT OR DELETE OR UPDATE OF "
    f"{POST_TEXT} ON portal_post FOR EACH ROW EXECUTE FUNCTION portal_post_search()",
    # Programmes, with their FAQ entries
    f"""
CREATE FUNCTION portal_program_search_refresh(program bigint)
RETURNS void LANGUAGE sql AS $$
  SELECT portal_search_store(-p.id, {", ".join(_program_text("p"))})
  FROM portal_program p WHERE p.id = program
$$
""",
    """
CREATE FUNCTION portal_program_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM portal_search_document WHERE rowid = -OLD.id;
  ELSE
    PERFORM portal_program_search_refresh(NEW.id);
  END IF;
  RETURN NULL;
END $$
""",
    f"CREATE TRIGGER portal_program_search AFTER INSERT OR DELETE OR UPDATE OF "
    f"{PROGRAM_TEXT} ON portal_program FOR EACH ROW "
    f"EXECUTE FUNCTION portal_program_search()",
    """
CREATE FUNCTION portal_faqentry_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM portal_program_search_refresh(OLD.program_id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM portal_program_search_refresh(NEW.program_id);
  END IF;
  RETURN NULL;
END $$
""",
    f"CREATE TRIGGER portal_faqentry_search AFTER INSERT OR DELETE OR UPDATE OF "
    f"{FAQ_TEXT} ON portal_faqentry FOR EACH ROW "
    f"EXECUTE FUNCTION portal_faqentry_search()",
]

FILL = [
    f"SELECT portal_search_store(p.id, {', '.join(_post_text('p'))}) "
    "FROM portal_post p",
    "SELECT portal_program_search_refresh(p.id) FROM portal_program p",
]

TRIGRAM_INDEXES = importlib.import_module("portal.migrations.0005_search_index")

POSTGRES = [
    *TRIGRAM_INDEXES.POSTGRES_REVERSE,
    GRAMS,
    *TABLE,
    STORE,
    *TRIGGERS,
    *FILL,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS portal_post_search ON portal_post",
    "DROP TRIGGER IF EXISTS portal_program_search ON portal_program",
    "DROP TRIGGER IF EXISTS portal_faqentry_search ON portal_faqentry",
    *(
        f"DROP FUNCTION IF EXISTS {name}"
        for name in (
            "portal_post_search()",
            "portal_program_search()",
            "portal_faqentry_search()",
            "portal_program_search_refresh(bigint)",
            "portal_search_store(bigint, text, text)",
        )
    ),
    "DROP TABLE IF EXISTS portal_search_document",
    "DROP FUNCTION IF EXISTS portal_search_grams(text)",
    *TRIGRAM_INDEXES.POSTGRES,
]


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_search_index")]

    operations = [
        migrations.RunPython(
            TRIGRAM_INDEXES._run({"postgresql": POSTGRES}),
            TRIGRAM_INDEXES._run({"postgresql": POSTGRES_REVERSE}),
        )
    ]
