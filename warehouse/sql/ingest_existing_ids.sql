-- Every stored document id (for skipping content that is already in the warehouse).
SELECT doc_id FROM documents
