-- Extracted facts with their sentence and document, optionally for one country and/or feature.
SELECT d.country_iso3, d.review_year, e.feature, e.value_num, e.value_text, e.qualifier, e.unit,
       e.ref_year, e.sentence, e.extractor, e.confidence, e.doc_id, d.title, e.char_start, e.char_end
FROM evidence e
JOIN documents d USING (doc_id)
WHERE ($country IS NULL OR d.country_iso3 = $country)
  AND ($feature IS NULL OR e.feature = $feature)
ORDER BY d.country_iso3, d.review_year, e.feature, e.doc_id, e.char_start;
