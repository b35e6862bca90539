-- One batch of prepared documents (registered as the relation batch_documents); $1 = ingest time.
INSERT INTO documents (doc_id, path, sha256, kind, refid, country_iso3, report_date, review_year,
                       title, text, duplicate_of, ingested_at)
SELECT doc_id, path, sha256, kind, refid, country_iso3, report_date, review_year,
       title, text, duplicate_of, $1::TIMESTAMP
FROM batch_documents
