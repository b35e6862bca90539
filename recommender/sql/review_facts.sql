-- Every fact of a country's documents written for one review (evidence_year), with its document.
SELECT e.feature,
       coalesce(e.value_text, CAST(e.value_num AS VARCHAR)) AS value_text,
       e.value_num,
       e.qualifier,
       e.status,
       e.unit,
       e.currency,
       e.sector,
       e.scope,
       e.about_country,
       e.ref_year,
       e.sentence,
       e.char_start,
       e.doc_id,
       d.title,
       d.kind
FROM evidence e
JOIN documents d USING (doc_id)
WHERE d.country_iso3 = $country
  AND d.duplicate_of IS NULL
  AND evidence_year(d.kind, d.review_year) = $year
ORDER BY e.doc_id, e.char_start;
