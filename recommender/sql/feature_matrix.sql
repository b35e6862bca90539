-- The feature matrix: rows of the country_year_features view, optionally for one year / one country.
SELECT *
FROM country_year_features
WHERE ($year IS NULL OR year = $year)
  AND ($country IS NULL OR country_iso3 = $country)
ORDER BY country_iso3, year;
