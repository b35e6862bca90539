-- The documents a warehouse holds, for batch scoring: a report whose doc_id is among them is scored
-- as stored. Originals (not near-duplicates) come with what their facts were extracted under
-- (kind, country, review year, report date): a report read the same way needs no new extraction.
SELECT doc_id,
       duplicate_of IS NULL AS original,
       kind,
       country_iso3,
       review_year,
       report_date
FROM documents;
