-- A scratch warehouse's year taken as complete (every list known), so that a country absent from
-- it counts as not listed.
INSERT OR REPLACE INTO listing_years (year, complete, pfc_complete, pwl_complete, wl_complete, announced_pwl,
                                      announced_wl, note, source)
VALUES ($year, true, true, true, true, NULL, NULL, 'assumed for a chained forecast', 'scratch only');
