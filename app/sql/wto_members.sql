-- WTO accession dates with their source, optionally for one country.
SELECT w.country_iso3, c.name, w.accession_date, w.source
FROM wto_members w
LEFT JOIN countries c ON c.iso3 = w.country_iso3
WHERE ($country IS NULL OR w.country_iso3 = $country)
ORDER BY w.accession_date, w.country_iso3;
