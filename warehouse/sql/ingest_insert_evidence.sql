-- The evidence rows of one batch of documents (registered as the relation batch_evidence).
INSERT INTO evidence (doc_id, feature, value_num, value_text, qualifier, unit, ref_year, sentence,
                      char_start, char_end, extractor, confidence, status, sector, currency, scope, action,
                      about_country)
SELECT doc_id, feature, value_num, value_text, qualifier, unit, ref_year, sentence,
       char_start, char_end, extractor, confidence, status, sector, currency, scope, action, about_country
FROM batch_evidence
