-- Placement history of one country: USTR placements and embassy recommendations (labels view),
-- with the raw listing code (OO, 306) where USTR listed it.
SELECT l.year,
       l.status,
       l.section_306,
       l.source,
       l.doc_id,
       li.status AS listed_as
FROM labels l
LEFT JOIN listings li ON li.country_iso3 = l.country_iso3 AND li.year = l.year AND l.source = 'ustr'
WHERE l.country_iso3 = $country
ORDER BY l.year, l.source;
