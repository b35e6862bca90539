-- ISO3 -> English name.
SELECT iso3 AS country_iso3, name FROM countries;
