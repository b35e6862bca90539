-- Texts of the stored originals (not near-duplicates themselves) of one (kind, country, review year)
-- group, to rebuild that group's near-duplicate index.
SELECT doc_id, text FROM documents
WHERE duplicate_of IS NULL
  AND kind = $1 AND country_iso3 IS NOT DISTINCT FROM $2 AND review_year IS NOT DISTINCT FROM $3
ORDER BY ingested_at, doc_id
