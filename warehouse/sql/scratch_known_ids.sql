-- Which of the given doc_ids ($ids) the warehouse holds already, and whether each is an original
-- whose stored facts are stale (not stamped with the extractor fingerprint $fingerprint).
SELECT d.doc_id, d.duplicate_of IS NULL AND s.fingerprint IS DISTINCT FROM $fingerprint AS stale
FROM documents d
LEFT JOIN extraction_stamps s USING (doc_id)
WHERE list_contains($ids, d.doc_id);
