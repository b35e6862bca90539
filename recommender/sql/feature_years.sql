-- The first and the last review year of the feature view (the last is the forecast year).
SELECT min(year) AS first_year, max(year) AS last_year FROM country_year_features;
