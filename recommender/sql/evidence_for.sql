-- The evidence sentences behind the text features of one country and review year: facts of the
-- documents whose evidence_year is that year, each with the model feature it feeds (text_feature;
-- both macros of warehouse/sql/macros.sql, as in view_country_year_features.sql). Facts that feed
-- no feature (labels among them) are left out.
SELECT text_feature(e.feature, e.status, e.sector) AS model_feature,
       e.feature,
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
  AND evidence_year(d.kind, d.review_year) = $year
  AND text_feature(e.feature, e.status, e.sector) IS NOT NULL
ORDER BY e.feature, e.doc_id, e.char_start;
