-- The evidence rows of one batch of documents as list parameters, one per column ($1..$18, in
-- column order), zipped by unnesting them side by side. Used only when a number is NaN: NumPy
-- columns (batch_evidence) would turn NaN into NULL.
INSERT INTO evidence (doc_id, feature, value_num, value_text, qualifier, unit, ref_year, sentence,
                      char_start, char_end, extractor, confidence, status, sector, currency, scope, action,
                      about_country)
SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), unnest($3::DOUBLE[]), unnest($4::VARCHAR[]),
       unnest($5::VARCHAR[]), unnest($6::VARCHAR[]), unnest($7::INTEGER[]), unnest($8::VARCHAR[]),
       unnest($9::INTEGER[]), unnest($10::INTEGER[]), unnest($11::VARCHAR[]), unnest($12::DOUBLE[]),
       unnest($13::VARCHAR[]), unnest($14::VARCHAR[]), unnest($15::VARCHAR[]), unnest($16::VARCHAR[]),
       unnest($17::VARCHAR[]), unnest($18::VARCHAR[])
