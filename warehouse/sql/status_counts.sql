-- Row counts per table, for `s301 status`.
SELECT 'countries' AS table_name, count(*) AS rows FROM countries
UNION ALL SELECT 'listings', count(*) FROM listings
UNION ALL SELECT 'listing_years', count(*) FROM listing_years
UNION ALL SELECT 'treaties', count(*) FROM treaties
UNION ALL SELECT 'wto_members', count(*) FROM wto_members
UNION ALL SELECT 'piracy_rates', count(*) FROM piracy_rates
UNION ALL SELECT 'embassy_recommendations', count(*) FROM embassy_recommendations
UNION ALL SELECT 'iipa_requests', count(*) FROM iipa_requests
UNION ALL SELECT 'us_trade', count(*) FROM us_trade
UNION ALL SELECT 'out_of_cycle_reviews', count(*) FROM out_of_cycle_reviews
UNION ALL SELECT 'documents', count(*) FROM documents
UNION ALL SELECT 'evidence', count(*) FROM evidence;
