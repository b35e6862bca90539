-- The extraction stamps of the documents whose facts were just written ($ids): the extractor
-- fingerprint ($fingerprint) their facts were found under, at $at. Replaces an older stamp.
INSERT OR REPLACE INTO extraction_stamps (doc_id, fingerprint, extracted_at)
SELECT unnest($ids::VARCHAR[]), $fingerprint, $at::TIMESTAMP;
