-- The feature rows of the (country_iso3, year) keys registered as the relation wanted_keys: one
-- query of the country_year_features view for a whole batch of reports.
SELECT f.*
FROM country_year_features f
JOIN wanted_keys k ON k.country_iso3 = f.country_iso3 AND k.year = f.year;
