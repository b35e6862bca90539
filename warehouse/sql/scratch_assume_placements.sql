-- A scratch warehouse's assumed placements of one year (the tier each given country is assumed to
-- have had; 'none' adds no row): $year, $countries and $tiers are parallel lists.
INSERT INTO listings (year, country_iso3, status, section_306, ocr, source)
SELECT $year, c, t, false, false, 'assumed for a chained forecast (scratch only)'
FROM (SELECT unnest($countries) AS c, unnest($tiers) AS t)
WHERE t <> 'none'
  AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.year = $year AND l.country_iso3 = c);
