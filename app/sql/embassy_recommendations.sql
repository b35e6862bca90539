-- Embassy recommendations from the reference table, optionally for one country.
SELECT r.review_year, r.country_iso3, c.name, r.recommended_status, r.action, r.refid, r.evidence, r.source
FROM embassy_recommendations r
LEFT JOIN countries c ON c.iso3 = r.country_iso3
WHERE ($country IS NULL OR r.country_iso3 = $country)
ORDER BY r.review_year DESC, r.country_iso3;
