-- Every country with its aliases and source.
SELECT iso3, name, aliases, source FROM countries ORDER BY name;
