-- The stored evidence of the given documents ($ids), about to be replaced by their facts extracted again.
DELETE FROM evidence WHERE list_contains($ids, doc_id);
