-- One row per `s301 ingest` run with its counts as JSON.
INSERT INTO runs (run_id, command, started_at, finished_at, detail) VALUES (?, ?, ?, ?, ?)
