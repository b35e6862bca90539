-- Treaty events with their source, optionally for one country.
SELECT t.country_iso3, c.name, t.treaty, t.event, t.date, t.source
FROM treaties t
LEFT JOIN countries c ON c.iso3 = t.country_iso3
WHERE ($country IS NULL OR t.country_iso3 = $country)
ORDER BY t.country_iso3, t.date, t.treaty;
