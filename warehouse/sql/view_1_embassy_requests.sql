-- embassy_requests: what a US post asked for in its Special 301 cable, one row per country and
-- review year (the labels view takes its tier requests as embassy labels; the feature view compares
-- them with the current tier as a leading signal).
--
-- status: none, WL, PWL, PFC, or OCR (the post asked only for an out-of-cycle review).
-- The reference table embassy_recommendations comes first: its tier rows, and its OCR rows where no
-- cable of that review gives a tier; else the most frequent recommended_status extracted from the
-- ingested cables of that country and review year (ties: highest confidence, then latest cable).
-- doc_id names the cable when one is in the warehouse; source says where the request was read.
CREATE OR REPLACE VIEW embassy_requests AS
WITH cable_recs AS (
    SELECT d.country_iso3,
           d.review_year AS year,
           e.value_text AS status,
           d.doc_id,
           coalesce(e.confidence, 1.0) AS confidence,
           d.report_date
    FROM evidence e
    JOIN documents d USING (doc_id)
    WHERE e.feature = 'recommended_status'
      AND tier_rank(e.value_text) IS NOT NULL
      AND d.kind = 'cable'
      AND d.duplicate_of IS NULL
      AND d.country_iso3 IS NOT NULL
      AND d.review_year IS NOT NULL
      AND coalesce(e.about_country, d.country_iso3) = d.country_iso3
),
cable_votes AS (
    SELECT country_iso3, year, status,
           count(*) AS votes,
           max(confidence) AS confidence,
           max(report_date) AS latest,
           arg_max(doc_id, report_date) AS doc_id
    FROM cable_recs
    GROUP BY country_iso3, year, status
),
cable_best AS (
    SELECT country_iso3, year, status, doc_id
    FROM cable_votes
    QUALIFY row_number() OVER (PARTITION BY country_iso3, year
                               ORDER BY votes DESC, confidence DESC, latest DESC NULLS LAST, status) = 1
),
embassy_ref AS (
    SELECT r.country_iso3,
           r.review_year AS year,
           r.recommended_status AS status,
           (SELECT min(d.doc_id) FROM documents d
             WHERE d.refid IS NOT NULL AND r.refid IS NOT NULL
               AND replace(upper(d.refid), ' ', '') = replace(upper(r.refid), ' ', '')) AS doc_id,
           r.source
    FROM embassy_recommendations r
)
SELECT country_iso3, year, status, doc_id, source
FROM embassy_ref
WHERE tier_rank(status) IS NOT NULL
UNION ALL
SELECT c.country_iso3, c.year, c.status, c.doc_id, 'ingested cable' AS source
FROM cable_best c
WHERE NOT EXISTS (SELECT 1 FROM embassy_ref r
                  WHERE r.country_iso3 = c.country_iso3 AND r.year = c.year AND tier_rank(r.status) IS NOT NULL)
UNION ALL
SELECT r.country_iso3, r.year, r.status, r.doc_id, r.source
FROM embassy_ref r
WHERE tier_rank(r.status) IS NULL
  AND NOT EXISTS (SELECT 1 FROM cable_best c WHERE c.country_iso3 = r.country_iso3 AND c.year = r.year);
