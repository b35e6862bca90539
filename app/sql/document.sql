-- One document with its text.
SELECT doc_id, path, kind, refid, country_iso3, report_date, review_year, title, text, duplicate_of
FROM documents
WHERE doc_id = $doc_id;
