-- The review years for which a country's documents hold any fact that is not a label.
SELECT DISTINCT evidence_year(d.kind, d.review_year) AS year
FROM documents d
JOIN evidence e USING (doc_id)
WHERE d.country_iso3 = $country
  AND d.duplicate_of IS NULL
  AND d.review_year IS NOT NULL
  AND NOT is_label_feature(e.feature)
ORDER BY year;
