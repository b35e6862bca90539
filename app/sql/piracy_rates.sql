-- Piracy rates with their source, optionally for one country.
SELECT p.country_iso3, c.name, p.year, p.sector, p.rate, p.source
FROM piracy_rates p
LEFT JOIN countries c ON c.iso3 = p.country_iso3
WHERE ($country IS NULL OR p.country_iso3 = $country)
ORDER BY p.country_iso3, p.year, p.sector;
