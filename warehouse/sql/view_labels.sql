-- labels: what happened (or what a post recommended) for each country and review year.
--
-- One row per (country_iso3, year, source):
--   source 'ustr'    USTR's final placement. Status codes of `listings` are mapped to the four
--                    tiers by one rule (tier_of_listing in macros.sql, also used by
--                    view_country_year_features.sql):
--                      OO  ("other observations", 1994 special mention / 1996 "require
--                           monitoring")                            -> WL
--                      306 (Section 306 monitoring and on no list)  -> PWL, section_306 = true
--                    A country of the universe (ever listed, named in an ingested report or in an
--                    embassy recommendation) that is absent from a year whose lists are all known
--                    (listing_years.complete) is labelled 'none'. Absent from a partial year: no row.
--   source 'embassy' A post's recommendation: the reference table embassy_recommendations first
--                    (only its none/WL/PWL/PFC rows: a post that asked only for an out-of-cycle
--                    review, status OCR, gives no tier label and does not hide the cables' vote);
--                    else the most frequent recommended_status extracted from the ingested cables of
--                    that country and review year (ties: highest confidence, then latest cable).
--                    doc_id names the cable when one is in the warehouse. section_306 is unknown.
CREATE OR REPLACE VIEW labels AS
WITH ustr_listed AS (
    SELECT country_iso3,
           year,
           tier_of_listing(status) AS status,
           (section_306 OR status = '306') AS section_306
    FROM listings
),
universe AS (
    SELECT country_iso3 FROM listings
    UNION
    SELECT country_iso3 FROM documents WHERE country_iso3 IS NOT NULL AND review_year IS NOT NULL
    UNION
    SELECT country_iso3 FROM embassy_recommendations
),
ustr_none AS (
    SELECT u.country_iso3, ly.year, 'none' AS status, false AS section_306
    FROM universe u
    CROSS JOIN listing_years ly
    WHERE ly.complete
      AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.country_iso3 = u.country_iso3 AND l.year = ly.year)
),
cable_recs AS (
    SELECT d.country_iso3,
           d.review_year AS year,
           e.value_text AS status,
           d.doc_id,
           d.refid,
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
      AND (coalesce(e.qualifier, '') NOT LIKE '%country=%'
           OR e.qualifier LIKE '%country=' || d.country_iso3 || '%')
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
               AND replace(upper(d.refid), ' ', '') = replace(upper(r.refid), ' ', '')) AS doc_id
    FROM embassy_recommendations r
    WHERE r.recommended_status IN ('none', 'WL', 'PWL', 'PFC')
),
embassy AS (
    SELECT country_iso3, year, status, doc_id FROM embassy_ref
    UNION ALL
    SELECT c.country_iso3, c.year, c.status, c.doc_id
    FROM cable_best c
    WHERE NOT EXISTS (SELECT 1 FROM embassy_ref r WHERE r.country_iso3 = c.country_iso3 AND r.year = c.year)
)
SELECT country_iso3, year, status, section_306, 'ustr' AS source, NULL::VARCHAR AS doc_id FROM ustr_listed
UNION ALL
SELECT country_iso3, year, status, section_306, 'ustr' AS source, NULL::VARCHAR AS doc_id FROM ustr_none
UNION ALL
SELECT country_iso3, year, status, NULL::BOOLEAN AS section_306, 'embassy' AS source, doc_id FROM embassy;
