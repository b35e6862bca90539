-- Which of the given doc_ids ($ids) the warehouse holds already.
SELECT doc_id FROM documents WHERE list_contains($ids, doc_id);
