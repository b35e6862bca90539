-- Countries whose code, name or one of its aliases equals the given text (case-insensitive).
SELECT iso3, name
FROM countries
WHERE upper(iso3) = upper($q)
   OR lower(name) = lower($q)
   OR list_contains(string_split(lower(coalesce(aliases, '')), '|'), lower($q))
ORDER BY (upper(iso3) = upper($q)) DESC, iso3;
