-- The original documents (near-duplicates hold no facts) whose stored facts were not found under the
-- extractor fingerprint $fingerprint (no stamp, or another one), with the context their facts are
-- extracted under, in doc_id order.
SELECT d.doc_id, d.path, d.kind, d.refid, d.country_iso3, d.report_date, d.review_year, d.title
FROM documents d
LEFT JOIN extraction_stamps s USING (doc_id)
WHERE d.duplicate_of IS NULL
  AND s.fingerprint IS DISTINCT FROM $fingerprint
ORDER BY d.doc_id;
