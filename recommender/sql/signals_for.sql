-- The leading signals of one country and review year, each with its source: IIPA's request and the
-- US post's request for that review (against the tier a move starts from), and an out-of-cycle
-- review announced in the previous year's report. `feature` names the model feature the row sets to 1
-- (NULL for a request of the current tier: it sets the asks-up and asks-down features to 0).
WITH start AS (
    SELECT coalesce(from_tier, 0) AS from_tier
    FROM country_year_features
    WHERE country_iso3 = $country AND year = $year
),
iipa AS (
    SELECT r.status, r.action, r.ocr, r.source,
           tier_rank(CASE r.status WHEN 'not_listed' THEN 'none' ELSE tier_of_listing(r.status) END) AS ask
    FROM iipa_requests r
    WHERE r.country_iso3 = $country AND r.year = $year
),
embassy AS (
    SELECT e.status, tier_rank(e.status) AS ask, e.doc_id, e.source
    FROM embassy_requests e
    WHERE e.country_iso3 = $country AND e.year = $year
)
SELECT CASE WHEN i.ask > s.from_tier THEN 'iipa_asks_up' WHEN i.ask < s.from_tier THEN 'iipa_asks_down'
            WHEN i.ocr OR i.status = 'OCR_only' THEN 'iipa_asks_ocr' END AS feature,
       'iipa_request' AS kind,
       'IIPA asked USTR for ' || CASE i.status WHEN 'OCR_only' THEN 'an out-of-cycle review only'
                                              WHEN 'not_listed' THEN 'no listing (special mention)'
                                              WHEN '306' THEN 'Section 306 monitoring'
                                              ELSE i.status END
           || CASE WHEN i.ocr THEN ', with an out-of-cycle review' ELSE '' END
           || ' (current tier: ' || tier_at_rank(s.from_tier) || ')' AS text,
       i.source
FROM iipa i, start s
UNION ALL
SELECT CASE WHEN e.ask > s.from_tier THEN 'embassy_asks_up' WHEN e.ask < s.from_tier THEN 'embassy_asks_down'
            WHEN e.status = 'OCR' THEN 'embassy_asks_ocr' END,
       'embassy_request',
       'The US post asked for ' || CASE e.status WHEN 'OCR' THEN 'an out-of-cycle review' ELSE e.status END
           || ' (current tier: ' || tier_at_rank(s.from_tier) || ')',
       coalesce(e.source, '') || CASE WHEN e.doc_id IS NOT NULL THEN ' (document ' || e.doc_id || ')' ELSE '' END
FROM embassy e, start s
UNION ALL
SELECT 'prev_ocr', 'out_of_cycle_review',
       'USTR announced an out-of-cycle review of the country in its ' || o.year || ' report',
       o.source
FROM out_of_cycle_reviews o
WHERE o.country_iso3 = $country AND o.year = $year - 1;
