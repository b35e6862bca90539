-- The sources behind each reference table: how many distinct sources, and the main ones with
-- how many rows each supports (rank 1 = most rows).
WITH src AS (
    SELECT 'countries' AS table_name, source FROM countries
    UNION ALL SELECT 'listings', source FROM listings
    UNION ALL SELECT 'listing_years', source FROM listing_years
    UNION ALL SELECT 'treaties', source FROM treaties
    UNION ALL SELECT 'wto_members', source FROM wto_members
    UNION ALL SELECT 'piracy_rates', source FROM piracy_rates
    UNION ALL SELECT 'embassy_recommendations', source FROM embassy_recommendations
    UNION ALL SELECT 'iipa_requests', source FROM iipa_requests
    UNION ALL SELECT 'us_trade', source FROM us_trade
    UNION ALL SELECT 'out_of_cycle_reviews', source FROM out_of_cycle_reviews
), counted AS (
    SELECT table_name, source, count(*) AS rows FROM src GROUP BY table_name, source
), ranked AS (
    SELECT table_name, source, rows,
           row_number() OVER (PARTITION BY table_name ORDER BY rows DESC, source) AS rank,
           count(*) OVER (PARTITION BY table_name) AS n_sources
    FROM counted
)
SELECT table_name, n_sources, rank, rows, source FROM ranked ORDER BY table_name, rank;
