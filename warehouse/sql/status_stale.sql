-- Original documents (near-duplicates hold no facts) by the rules their stored facts were found
-- under: all of them, those with no stamp (stored before stamps), those stamped with another
-- extractor fingerprint than $fingerprint.
SELECT count(*) AS originals,
       count(*) FILTER (WHERE s.doc_id IS NULL) AS unstamped,
       count(*) FILTER (WHERE s.fingerprint <> $fingerprint) AS other_rules
FROM documents d
LEFT JOIN extraction_stamps s USING (doc_id)
WHERE d.duplicate_of IS NULL;
