-- The sources behind each reference table, with how many rows each supports.
SELECT table_name, source, count(*) AS rows FROM (
    SELECT 'countries' AS table_name, source FROM countries
    UNION ALL SELECT 'listings', source FROM listings
    UNION ALL SELECT 'listing_years', source FROM listing_years
    UNION ALL SELECT 'treaties', source FROM treaties
    UNION ALL SELECT 'wto_members', source FROM wto_members
    UNION ALL SELECT 'piracy_rates', source FROM piracy_rates
    UNION ALL SELECT 'embassy_recommendations', source FROM embassy_recommendations
)
GROUP BY table_name, source
ORDER BY table_name, rows DESC;
