-- The (kind, country, review year) groups that hold stored originals: a new document can only be a
-- near-duplicate of a document of its own group.
SELECT DISTINCT kind, country_iso3, review_year FROM documents WHERE duplicate_of IS NULL
