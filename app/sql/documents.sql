-- Documents (without their text), optionally for one country; newest first.
SELECT d.doc_id, d.kind, d.country_iso3, d.review_year, d.report_date, d.refid, d.title, d.path,
       length(d.text) AS chars,
       (SELECT count(*) FROM evidence e WHERE e.doc_id = d.doc_id) AS facts,
       d.duplicate_of, d.ingested_at
FROM documents d
WHERE ($country IS NULL OR d.country_iso3 = $country)
ORDER BY d.review_year DESC NULLS LAST, d.report_date DESC NULLS LAST, d.doc_id;
