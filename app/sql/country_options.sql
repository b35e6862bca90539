-- Countries that have feature rows (ever listed or named by a report), with their year range.
SELECT f.country_iso3,
       coalesce(c.name, f.country_iso3) AS name,
       min(f.year) AS first_year,
       max(f.year) AS last_year
FROM country_year_features f
LEFT JOIN countries c ON c.iso3 = f.country_iso3
GROUP BY f.country_iso3, c.name
ORDER BY name;
