"""s301 warehouse: reads country reports and reference facts into one DuckDB file."""
