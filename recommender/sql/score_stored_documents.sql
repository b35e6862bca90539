-- The documents a warehouse holds, for batch scoring: a report whose doc_id is among them is scored
-- as stored. Originals (not near-duplicates) come with whether their stored facts were found by the
-- current extraction rules (stamped with the extractor fingerprint $fingerprint: not stale) and what
-- they were extracted under (kind, country, review year, report date): a report read the same way
-- needs no new extraction unless its facts are stale.
SELECT d.doc_id,
       d.duplicate_of IS NULL AS original,
       s.fingerprint IS NOT DISTINCT FROM $fingerprint AS current,
       d.kind,
       d.country_iso3,
       d.review_year,
       d.report_date
FROM documents d
LEFT JOIN extraction_stamps s USING (doc_id);
