-- The known placements of one report, highest tier first, with their sources.
SELECT l.country_iso3, coalesce(c.name, l.country_iso3) AS name, tier_of_listing(l.status) AS status, l.source
FROM listings l
LEFT JOIN countries c ON c.iso3 = l.country_iso3
WHERE l.year = $year
ORDER BY tier_rank(tier_of_listing(l.status)) DESC, name;
