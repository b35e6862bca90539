-- The newest schema version the warehouse was migrated to (0: none recorded).
SELECT coalesce(max(version), 0) FROM schema_version;
