-- Listing history per year: counts by status and whether the year's lists are complete.
SELECT y.year,
       count(l.country_iso3) FILTER (WHERE l.status = 'PFC') AS pfc,
       count(l.country_iso3) FILTER (WHERE l.status = 'PWL') AS pwl,
       count(l.country_iso3) FILTER (WHERE l.status = 'WL')  AS wl,
       count(l.country_iso3) FILTER (WHERE l.status IN ('OO', '306')) AS other,
       y.complete
FROM listing_years y
LEFT JOIN listings l ON l.year = y.year
GROUP BY y.year, y.complete
ORDER BY y.year;
