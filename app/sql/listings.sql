-- USTR placements with their source, optionally for one country.
SELECT l.year, l.country_iso3, c.name, l.status, l.section_306, l.ocr, l.source
FROM listings l
LEFT JOIN countries c ON c.iso3 = l.country_iso3
WHERE ($country IS NULL OR l.country_iso3 = $country)
ORDER BY l.year DESC, l.status, l.country_iso3;
