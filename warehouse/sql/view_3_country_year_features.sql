-- country_year_features: one row per (country, review year) with only what was known before that
-- year's Special 301 report.
--
-- Rows: every country ever listed, named by an ingested report or by an embassy recommendation, for
-- every year from 1990 to the newest USTR report + 1 (the forecast year; a report ingested for a
-- later review extends the range).
-- Timing rules (no information from the future):
--   * placement history uses the lists of earlier years only (window frames end one row before);
--     a country absent from a year whose lists are all known counts as 'none' (also where the Watch
--     List and the PFC list are complete and only a PWL name may be missing, as in 2004), absent from
--     a partial year counts as unknown (NULL). Tiers by the macros of macros.sql (as in
--     view_labels.sql): OO -> WL (1), 306 -> PWL (2) with the Section 306 flag, PWL 2, PFC 3.
--   * treaties and WTO membership count when in force before 1 April of the review year (reports
--     come out at the end of April; in_force date, else the ratification/accession date).
--   * piracy rates: a rate measured in year M is public in M+2 for BSA-style studies (published
--     mid-year M+1) and in M+1 for IIPA submissions (February of M+1); only rates public by the
--     review year are used.
--   * text features come from the evidence of documents written for that review: documents whose
--     evidence_year (macros.sql) is the year (a USTR report counts for the following year's review,
--     since it is published with the decision); duplicates are skipped; label features
--     (is_label_feature) are never used; text_feature (macros.sql) names the feature a fact feeds. A figure without a reference year refers to the year
--     before the review. "growth" = ln((1 + latest) / (1 + the latest earlier figure)), where the
--     earlier figure may come from this or earlier reviews' documents.
--   * leading signals, all published before the report of the year: an out-of-cycle review announced
--     in last year's report (out_of_cycle_reviews); IIPA's February request and the post's cable
--     request (embassy_requests) compared with the current tier (asks up / asks down; NULL where no
--     request is known: coverage is partial, and a missing request is unknown, not "no change");
--     US goods trade of the year before (IMF DOTS; NULL after the data ends, never zero); the
--     change of the ex officio state stated in this review's reports against the last review
--     that stated one. `from_tier` is the tier a move is measured from: last year's, else the last
--     known one, else none.
-- Missing stays missing: NULL where nothing is known (the model imputes and flags it).
CREATE OR REPLACE VIEW country_year_features AS
WITH
doc_years AS (
    SELECT doc_id,
           country_iso3,
           evidence_year(kind, review_year) AS year
    FROM documents
    WHERE country_iso3 IS NOT NULL
      AND review_year IS NOT NULL
      AND duplicate_of IS NULL
),
universe AS (   -- the same countries as in view_2_labels.sql
    SELECT country_iso3 FROM listings
    UNION
    SELECT country_iso3 FROM doc_years
    UNION
    SELECT country_iso3 FROM embassy_recommendations
),
bounds AS (
    SELECT greatest(coalesce((SELECT max(year) FROM listings), 1989) + 1,
                    coalesce((SELECT max(year) FROM doc_years), 1990)) AS last_year
),
years AS (
    SELECT unnest(range(1989, last_year + 1)) AS year FROM bounds
),
grid AS (
    SELECT u.country_iso3, y.year FROM universe u CROSS JOIN years y
),
listed AS (
    SELECT country_iso3,
           year,
           tier_rank(tier_of_listing(status)) AS tier,
           (section_306 OR status = '306') AS s306
    FROM listings
),
hist AS (
    SELECT g.country_iso3,
           g.year,
           CASE WHEN l.tier IS NOT NULL THEN l.tier
                WHEN ly.complete OR (ly.wl_complete AND ly.pfc_complete) THEN 0 END AS tier,
           l.tier IS NOT NULL AS listed,
           coalesce(l.s306, false) AS s306
    FROM grid g
    LEFT JOIN listed l ON l.country_iso3 = g.country_iso3 AND l.year = g.year
    LEFT JOIN listing_years ly ON ly.year = g.year
),
hist_prev AS (
    SELECT *, lag(tier) OVER (PARTITION BY country_iso3 ORDER BY year) AS tier_before
    FROM hist
),
hist_runs AS (
    SELECT *,
           sum(CASE WHEN tier IS NOT DISTINCT FROM tier_before THEN 0 ELSE 1 END)
               OVER (PARTITION BY country_iso3 ORDER BY year) AS run_id,
           CASE WHEN tier IS NOT NULL AND tier_before IS NOT NULL AND tier <> tier_before THEN 1 ELSE 0 END
               AS changed
    FROM hist_prev
),
hist_len AS (
    SELECT *, row_number() OVER (PARTITION BY country_iso3, run_id ORDER BY year) AS run_len
    FROM hist_runs
),
history AS (
    SELECT country_iso3,
           year,
           lag(tier) OVER w AS prev_tier,
           lag(tier, 2) OVER w AS prev2_tier,
           last_value(tier IGNORE NULLS) OVER wp AS last_known_tier,
           year - last_value(CASE WHEN tier IS NOT NULL THEN year END IGNORE NULLS) OVER wp AS years_since_known,
           coalesce(sum(listed::INTEGER) OVER wp, 0) AS years_listed,
           year - max(CASE WHEN listed THEN year END) OVER wp AS years_since_listed,
           max(tier) OVER wp AS max_tier,
           CASE WHEN lag(tier) OVER w IS NOT NULL THEN lag(run_len) OVER w END AS years_at_tier,
           coalesce(sum(changed) OVER w5, 0) AS tier_changes_5y,
           coalesce(lag(s306) OVER w, false)::INTEGER AS prev_306,
           coalesce(max(s306::INTEGER) OVER wp, 0) AS ever_306
    FROM hist_len
    WINDOW w AS (PARTITION BY country_iso3 ORDER BY year),
           wp AS (PARTITION BY country_iso3 ORDER BY year ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
           w5 AS (PARTITION BY country_iso3 ORDER BY year ROWS BETWEEN 5 PRECEDING AND 1 PRECEDING)
),
treaty_since AS (
    SELECT country_iso3,
           treaty,
           coalesce(min(date) FILTER (WHERE event = 'in_force'),
                    min(date) FILTER (WHERE event IN ('ratified', 'acceded'))) AS since
    FROM treaties
    -- PCT and Madrid Protocol rows cover only part of their members (warehouse/reference/SOURCES.md):
    -- a missing row there means unknown, not "not a member", so they stay out of the counts.
    WHERE treaty NOT IN ('PCT', 'MADRID')
    GROUP BY country_iso3, treaty
),
treaty_feats AS (
    SELECT g.country_iso3,
           g.year,
           max(CASE WHEN t.treaty = 'WCT' THEN 1 ELSE 0 END) AS treaty_wct,
           max(CASE WHEN t.treaty = 'WPPT' THEN 1 ELSE 0 END) AS treaty_wppt,
           max(CASE WHEN t.treaty = 'BERNE' THEN 1 ELSE 0 END) AS treaty_berne,
           max(CASE WHEN t.treaty = 'ROME' THEN 1 ELSE 0 END) AS treaty_rome,
           count(DISTINCT t.treaty) AS n_treaties,
           count(DISTINCT t.treaty) FILTER (WHERE t.since >= make_date(g.year - 3, 4, 1)) AS recent_treaty_accessions
    FROM grid g
    LEFT JOIN treaty_since t
           ON t.country_iso3 = g.country_iso3
          AND t.since IS NOT NULL
          AND t.since < make_date(g.year, 4, 1)
    GROUP BY g.country_iso3, g.year
),
wto AS (
    SELECT g.country_iso3,
           g.year,
           CASE WHEN w.accession_date < make_date(g.year, 4, 1) THEN 1 ELSE 0 END AS wto_member,
           CASE WHEN w.accession_date < make_date(g.year, 4, 1)
                THEN g.year - year(w.accession_date) ELSE 0 END AS wto_years
    FROM grid g
    LEFT JOIN wto_members w ON w.country_iso3 = g.country_iso3
),
rates AS (
    SELECT country_iso3,
           year AS measured,
           year + CASE WHEN source ILIKE '%IIPA%' THEN 1 ELSE 2 END AS public_year,
           sector,
           rate
    FROM piracy_rates
    WHERE rate BETWEEN 0 AND 100
),
software AS (
    SELECT country_iso3, measured, public_year, rate,
           rate - lag(rate) OVER (PARTITION BY country_iso3 ORDER BY measured) AS change
    FROM rates
    WHERE sector = 'software'
),
software_feats AS (
    SELECT g.country_iso3,
           g.year,
           arg_max(s.rate, s.measured) AS piracy_software,
           arg_max(s.change, s.measured) AS piracy_software_change,
           g.year - max(s.measured) AS piracy_software_age
    FROM grid g
    JOIN software s ON s.country_iso3 = g.country_iso3 AND s.public_year <= g.year
    GROUP BY g.country_iso3, g.year
),
other_latest AS (
    SELECT g.country_iso3, g.year, r.sector, arg_max(r.rate, r.measured) AS rate
    FROM grid g
    JOIN rates r ON r.country_iso3 = g.country_iso3 AND r.public_year <= g.year AND r.sector <> 'software'
    GROUP BY g.country_iso3, g.year, r.sector
),
other_feats AS (
    SELECT country_iso3, year, avg(rate) AS piracy_other
    FROM other_latest
    GROUP BY country_iso3, year
),
facts AS (
    SELECT dy.country_iso3,
           dy.year AS review_year,
           e.doc_id,
           e.feature,
           text_feature(e.feature, e.status, e.sector) AS txt_feature,
           e.value_num,
           e.value_text,
           e.sector,
           least(coalesce(e.ref_year, dy.year - 1), dy.year) AS ref_year
    FROM evidence e
    JOIN doc_years dy ON dy.doc_id = e.doc_id
    WHERE NOT is_label_feature(e.feature)
      AND coalesce(e.about_country, dy.country_iso3) = dy.country_iso3
),
text_docs AS (
    SELECT country_iso3, year, count(*) AS text_reports
    FROM doc_years
    GROUP BY country_iso3, year
),
enf AS (
    SELECT country_iso3, review_year, txt_feature AS feature, ref_year, max(value_num) AS value
    FROM facts
    WHERE txt_feature IN ('txt_cases', 'txt_convictions', 'txt_raids', 'txt_seizures')
      AND value_num IS NOT NULL AND value_num >= 0
    GROUP BY country_iso3, review_year, txt_feature, ref_year
),
enf_latest AS (
    SELECT country_iso3, review_year AS year, feature,
           max(ref_year) AS ref_year,
           arg_max(value, ref_year) AS value
    FROM enf
    GROUP BY country_iso3, review_year, feature
),
enf_change AS (
    SELECT l.country_iso3, l.year, l.feature, l.value,
           ln(1 + l.value) - ln(1 + arg_max(e.value, e.ref_year * 10000 + e.review_year)) AS growth
    FROM enf_latest l
    LEFT JOIN enf e
           ON e.country_iso3 = l.country_iso3
          AND e.feature = l.feature
          AND e.review_year <= l.year
          AND e.ref_year < l.ref_year
    GROUP BY l.country_iso3, l.year, l.feature, l.value
),
enf_feats AS (
    SELECT country_iso3, year,
           max(value) FILTER (WHERE feature = 'txt_cases') AS txt_cases,
           max(growth) FILTER (WHERE feature = 'txt_cases') AS txt_cases_growth,
           max(value) FILTER (WHERE feature = 'txt_convictions') AS txt_convictions,
           max(growth) FILTER (WHERE feature = 'txt_convictions') AS txt_convictions_growth,
           max(value) FILTER (WHERE feature = 'txt_raids') AS txt_raids,
           max(growth) FILTER (WHERE feature = 'txt_raids') AS txt_raids_growth,
           max(value) FILTER (WHERE feature = 'txt_seizures') AS txt_seizures
    FROM enf_change
    GROUP BY country_iso3, year
),
state_feats AS (
    SELECT country_iso3, review_year AS year,
           max(CASE value_text WHEN 'has' THEN 2 WHEN 'pending' THEN 1 WHEN 'lacks' THEN 0 END)
               FILTER (WHERE txt_feature = 'txt_exofficio_customs') AS txt_exofficio_customs,
           max(CASE value_text WHEN 'has' THEN 2 WHEN 'pending' THEN 1 WHEN 'lacks' THEN 0 END)
               FILTER (WHERE txt_feature = 'txt_exofficio_police') AS txt_exofficio_police,
           count(DISTINCT value_text) FILTER (WHERE txt_feature = 'txt_treaty_steps') AS txt_treaty_steps,
           count(DISTINCT value_text) FILTER (WHERE txt_feature = 'txt_treaty_not_member') AS txt_treaty_not_member
    FROM facts
    WHERE feature IN ('ex_officio_customs', 'ex_officio_police', 'treaty')   -- any treaty fact: counts 0
    GROUP BY country_iso3, review_year
),
piracy_text AS (
    SELECT country_iso3, review_year, txt_feature, sector,
           ref_year, avg(value_num) AS rate
    FROM facts
    WHERE txt_feature IN ('txt_piracy_software', 'txt_piracy_other') AND value_num BETWEEN 0 AND 100
    GROUP BY ALL
),
piracy_text_feats AS (
    SELECT country_iso3, review_year AS year,
           arg_max(rate, ref_year) FILTER (WHERE txt_feature = 'txt_piracy_software') AS txt_piracy_software,
           avg(rate) FILTER (WHERE txt_feature = 'txt_piracy_other') AS txt_piracy_other
    FROM piracy_text
    GROUP BY country_iso3, review_year
),
-- leading signals: what was asked or announced before the report, against the current tier
ocr_feats AS (
    SELECT country_iso3, year + 1 AS year, 1 AS prev_ocr
    FROM out_of_cycle_reviews
    GROUP BY ALL
),
iipa AS (
    SELECT country_iso3, year,
           max(tier_rank(CASE status WHEN 'not_listed' THEN 'none' ELSE tier_of_listing(status) END)) AS ask_rank,
           bool_or(ocr OR status = 'OCR_only') AS asks_ocr
    FROM iipa_requests
    GROUP BY country_iso3, year
),
embassy AS (
    SELECT country_iso3, year, max(tier_rank(status)) AS ask_rank, bool_or(status = 'OCR') AS asks_ocr
    FROM embassy_requests
    GROUP BY country_iso3, year
),
trade AS (
    SELECT country_iso3,
           year + 1 AS year,   -- a year's trade is known by the next year's review
           exports_usd + imports_usd AS trade_volume,
           (exports_usd - imports_usd) / nullif(exports_usd + imports_usd, 0) AS trade_balance
    FROM us_trade
    WHERE exports_usd IS NOT NULL AND imports_usd IS NOT NULL
),
trade_feats AS (
    SELECT country_iso3, year, trade_volume, trade_balance,
           trade_balance - lag(trade_balance, 3) OVER (PARTITION BY country_iso3 ORDER BY year) AS trade_balance_change
    FROM trade
),
exofficio_states AS (
    SELECT country_iso3, year, greatest(txt_exofficio_customs, txt_exofficio_police) AS state
    FROM state_feats
    WHERE txt_exofficio_customs IS NOT NULL OR txt_exofficio_police IS NOT NULL
),
exofficio_change AS (
    SELECT country_iso3, year,
           state - lag(state) OVER (PARTITION BY country_iso3 ORDER BY year) AS txt_exofficio_change
    FROM exofficio_states
)
SELECT g.country_iso3,
       g.year,
       -- placement history
       tier_at_rank(h.prev_tier) AS prev_status,
       h.last_known_tier,
       h.years_since_known,
       h.prev_tier - h.prev2_tier AS trend,
       h.years_listed,
       h.years_at_tier,
       h.years_since_listed,
       h.max_tier,
       h.tier_changes_5y,
       h.prev_306,
       h.ever_306,
       coalesce(oc.prev_ocr, 0) AS prev_ocr,
       coalesce(h.prev_tier, h.last_known_tier, 0) AS from_tier,
       -- leading signals against the current tier (NULL: no request known)
       CASE WHEN ia.ask_rank IS NOT NULL THEN (ia.ask_rank > coalesce(h.prev_tier, h.last_known_tier, 0))::INTEGER END
           AS iipa_asks_up,
       CASE WHEN ia.ask_rank IS NOT NULL THEN (ia.ask_rank < coalesce(h.prev_tier, h.last_known_tier, 0))::INTEGER END
           AS iipa_asks_down,
       ia.asks_ocr::INTEGER AS iipa_asks_ocr,
       CASE WHEN em.ask_rank IS NOT NULL THEN (em.ask_rank > coalesce(h.prev_tier, h.last_known_tier, 0))::INTEGER END
           AS embassy_asks_up,
       CASE WHEN em.ask_rank IS NOT NULL THEN (em.ask_rank < coalesce(h.prev_tier, h.last_known_tier, 0))::INTEGER END
           AS embassy_asks_down,
       em.asks_ocr::INTEGER AS embassy_asks_ocr,
       -- US goods trade with the partner in the year before (IMF DOTS)
       tf.trade_volume,
       tf.trade_balance,
       tf.trade_balance_change,
       -- treaties and WTO
       t.treaty_wct,
       t.treaty_wppt,
       t.treaty_berne,
       t.treaty_rome,
       t.n_treaties,
       t.recent_treaty_accessions,
       w.wto_member,
       w.wto_years,
       -- piracy rates (reference tables)
       s.piracy_software,
       s.piracy_software_change,
       s.piracy_software_age,
       o.piracy_other,
       -- text-extracted features of the year's reports
       coalesce(d.text_reports, 0) AS text_reports,
       e.txt_cases,
       e.txt_cases_growth,
       e.txt_convictions,
       e.txt_convictions_growth,
       e.txt_raids,
       e.txt_raids_growth,
       e.txt_seizures,
       st.txt_exofficio_customs,
       st.txt_exofficio_police,
       st.txt_treaty_steps,
       st.txt_treaty_not_member,
       p.txt_piracy_software,
       p.txt_piracy_other,
       xc.txt_exofficio_change
FROM grid g
JOIN history h ON h.country_iso3 = g.country_iso3 AND h.year = g.year
JOIN treaty_feats t ON t.country_iso3 = g.country_iso3 AND t.year = g.year
JOIN wto w ON w.country_iso3 = g.country_iso3 AND w.year = g.year
LEFT JOIN software_feats s ON s.country_iso3 = g.country_iso3 AND s.year = g.year
LEFT JOIN other_feats o ON o.country_iso3 = g.country_iso3 AND o.year = g.year
LEFT JOIN text_docs d ON d.country_iso3 = g.country_iso3 AND d.year = g.year
LEFT JOIN enf_feats e ON e.country_iso3 = g.country_iso3 AND e.year = g.year
LEFT JOIN state_feats st ON st.country_iso3 = g.country_iso3 AND st.year = g.year
LEFT JOIN piracy_text_feats p ON p.country_iso3 = g.country_iso3 AND p.year = g.year
LEFT JOIN ocr_feats oc ON oc.country_iso3 = g.country_iso3 AND oc.year = g.year
LEFT JOIN iipa ia ON ia.country_iso3 = g.country_iso3 AND ia.year = g.year
LEFT JOIN embassy em ON em.country_iso3 = g.country_iso3 AND em.year = g.year
LEFT JOIN trade_feats tf ON tf.country_iso3 = g.country_iso3 AND tf.year = g.year
LEFT JOIN exofficio_change xc ON xc.country_iso3 = g.country_iso3 AND xc.year = g.year
WHERE g.year >= 1990;
