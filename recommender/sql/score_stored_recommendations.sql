-- The recommended_status facts stored for the given documents ($ids): the label votes of reports
-- scored as stored (their facts are not extracted again).
SELECT doc_id, value_text
FROM evidence
WHERE feature = 'recommended_status'
  AND list_contains($ids, doc_id);
