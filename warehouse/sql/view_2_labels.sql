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
--   source 'embassy' A post's recommendation (view_1_embassy_requests.sql: the reference table
--                    first, else the ingested cables' vote); only tier requests (none/WL/PWL/PFC): a
--                    post that asked only for an out-of-cycle review gives no label. section_306 is
--                    unknown.
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
)
SELECT country_iso3, year, status, section_306, 'ustr' AS source, NULL::VARCHAR AS doc_id FROM ustr_listed
UNION ALL
SELECT country_iso3, year, status, section_306, 'ustr' AS source, NULL::VARCHAR AS doc_id FROM ustr_none
UNION ALL
SELECT country_iso3, year, status, NULL::BOOLEAN AS section_306, 'embassy' AS source, doc_id
FROM embassy_requests
WHERE tier_rank(status) IS NOT NULL;
