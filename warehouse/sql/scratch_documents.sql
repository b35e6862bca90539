-- The documents a scratch copy takes over: every column but the text (no view reads it).
SELECT * REPLACE ('' AS text) FROM documents;
