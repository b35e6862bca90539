-- Whether a year's report is known only in part (some placements known, not every list).
SELECT NOT ly.complete AND EXISTS (SELECT 1 FROM listings l WHERE l.year = ly.year)
FROM listing_years ly
WHERE ly.year = $year;
