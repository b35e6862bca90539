-- The newest report with a known placement: its year and what of it is known.
SELECT ly.year, ly.complete, ly.pfc_complete, ly.pwl_complete, ly.wl_complete, ly.note, ly.source
FROM listing_years ly
WHERE ly.year = (SELECT max(year) FROM listings);
