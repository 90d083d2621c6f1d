-- A second full-text index for narrow readers (own, team, shares): each word of a record joined to each person or team
-- whose scope reaches it (owner, creator when not the owner, team, share grantees), so such a reader's search reads only
-- the entries of records in their scope instead of every record holding the word. No positions are needed (detail = none).
CREATE VIRTUAL TABLE records_words USING fts5 (text, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61 remove_diacritics 2');

-- Filled from records_fts, whose tokens are the same scope tokens (17 characters: o, c, t, g + 16 hex) and field-tagged
-- words ('k' + 8 hex + the word). The entity token ('e…') is not a person or team.
CREATE VIRTUAL TABLE temp.fts_instances USING fts5vocab(main, records_fts, instance);
CREATE TEMP TABLE record_words AS SELECT DISTINCT doc, substr(term, 10) AS word FROM temp.fts_instances WHERE term >= 'k' AND term < 'l';
CREATE TEMP TABLE record_reach AS
  SELECT DISTINCT doc, term FROM temp.fts_instances WHERE substr(term, 1, 1) IN ('o', 'c', 't', 'g') AND length(term) = 17;
CREATE INDEX temp.record_words_doc ON record_words (doc);
INSERT INTO records_words (rowid, text)
  SELECT p.doc, group_concat(p.term || w.word, ' ')
  FROM record_reach p JOIN record_words w ON w.doc = p.doc JOIN records r ON r.seq = p.doc
  WHERE NOT (substr(p.term, 1, 1) = 'c' AND r.created_by = r.owner_id)
  GROUP BY p.doc;
DROP TABLE temp.record_words;
DROP TABLE temp.record_reach;
DROP TABLE temp.fts_instances;
