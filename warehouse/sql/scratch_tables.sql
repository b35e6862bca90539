-- The tables a scratch copy takes over: every table of the warehouse but schema_version (the
-- scratch's own migration records that).
SELECT table_name
FROM duckdb_tables()
WHERE database_name = current_database()
  AND schema_name = 'main'
  AND table_name <> 'schema_version'
ORDER BY table_name;
