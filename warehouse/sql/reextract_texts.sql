-- The stored texts of the given documents ($ids).
SELECT doc_id, text FROM documents WHERE list_contains($ids, doc_id);
