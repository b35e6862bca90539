-- Every feature row of the country_year_features view: batch scoring's rows for the reports the
-- warehouse holds already (read while the model loads, before their keys are known).
SELECT * FROM country_year_features;
