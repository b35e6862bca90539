-- Every label row with whether its year's lists are all known.
SELECT l.country_iso3,
       l.year,
       l.status,
       l.section_306,
       l.source,
       l.doc_id,
       coalesce(ly.complete, false) AS complete
FROM labels l
LEFT JOIN listing_years ly ON ly.year = l.year
ORDER BY l.country_iso3, l.year, l.source;
