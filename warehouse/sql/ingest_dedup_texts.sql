-- Texts of stored originals (not near-duplicates themselves), to rebuild the near-duplicate index.
SELECT doc_id, text FROM documents WHERE duplicate_of IS NULL ORDER BY ingested_at, doc_id
