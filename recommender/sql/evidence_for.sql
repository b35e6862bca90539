-- The evidence sentences behind the text features of one country and review year (documents whose
-- review counts for that year, as in view_country_year_features.sql; label features excluded).
SELECT e.feature,
       coalesce(CAST(e.value_num AS VARCHAR), e.value_text) AS value,
       e.value_num,
       e.value_text,
       e.qualifier,
       e.ref_year,
       e.doc_id,
       e.sentence,
       e.char_start,
       e.char_end,
       d.title,
       d.kind,
       e.confidence
FROM evidence e
JOIN documents d USING (doc_id)
WHERE d.country_iso3 = $country
  AND d.duplicate_of IS NULL
  AND CASE WHEN d.kind = 'ustr_report' THEN d.review_year + 1 ELSE d.review_year END = $year
  AND e.feature NOT IN ('recommended_status', 'listed_status_mentioned')
ORDER BY e.feature, e.doc_id, e.char_start;
