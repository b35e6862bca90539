-- Years whose lists are all known.
SELECT year FROM listing_years WHERE complete ORDER BY year;
