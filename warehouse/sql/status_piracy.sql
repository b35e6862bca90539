-- Piracy-rate coverage: rows, country-years, countries and years, per sector and overall.
SELECT coalesce(sector, 'all') AS sector,
       count(*) AS rows,
       count(DISTINCT (country_iso3, year)) AS country_years,
       count(DISTINCT country_iso3) AS countries,
       min(year) AS first_year,
       max(year) AS last_year
FROM piracy_rates
GROUP BY ROLLUP (sector)
ORDER BY sector NULLS LAST;
