-- The vocabulary's rules for SQL (warehouse/vocab.py states the same in Python; tests/test_vocab.py
-- checks that both agree). Created by the migration before the views, which use them.

-- The tier a USTR listing code counts as: OO ("other observations") -> WL; 306 (Section 306
-- monitoring on no list) -> PWL; a tier stays itself.
CREATE OR REPLACE MACRO tier_of_listing(code) AS
    CASE code WHEN 'OO' THEN 'WL' WHEN '306' THEN 'PWL' ELSE code END;

-- A tier's rank (none 0 .. PFC 3); NULL for anything that is not a tier.
CREATE OR REPLACE MACRO tier_rank(tier) AS
    CASE tier WHEN 'none' THEN 0 WHEN 'WL' THEN 1 WHEN 'PWL' THEN 2 WHEN 'PFC' THEN 3 END;

-- The tier of a rank (0 .. 3); NULL for anything else.
CREATE OR REPLACE MACRO tier_at_rank(rank) AS
    CASE rank WHEN 0 THEN 'none' WHEN 1 THEN 'WL' WHEN 2 THEN 'PWL' WHEN 3 THEN 'PFC' END;

-- The review year whose forecast a document's facts feed: a USTR Special 301 report is published
-- with its year's decision, so its facts count for the following review; every other kind (cables,
-- NTE chapters, IIPA submissions ...) comes before the report of its own review year.
CREATE OR REPLACE MACRO evidence_year(kind, review_year) AS
    CASE WHEN kind = 'ustr_report' THEN review_year + 1 ELSE review_year END;

-- Extracted facts that are labels, never model inputs.
CREATE OR REPLACE MACRO is_label_feature(feature) AS
    feature IN ('recommended_status', 'listed_status_mentioned', 'out_of_cycle_review');

-- The model feature an extracted fact feeds (country_year_features builds it; `s301 explain` shows
-- the fact as its evidence), NULL for facts no model feature uses. Growth features come from the
-- same facts as their count (txt_cases_growth from txt_cases' facts, and so on).
CREATE OR REPLACE MACRO text_feature(feature, status, sector) AS
    CASE
        WHEN feature = 'criminal_cases_initiated' THEN 'txt_cases'
        WHEN feature = 'criminal_convictions' THEN 'txt_convictions'
        WHEN feature = 'raids' THEN 'txt_raids'
        WHEN feature = 'seizures' THEN 'txt_seizures'
        WHEN feature = 'ex_officio_customs' THEN 'txt_exofficio_customs'
        WHEN feature = 'ex_officio_police' THEN 'txt_exofficio_police'
        WHEN feature = 'treaty' THEN
            CASE status
                WHEN 'joined' THEN 'txt_treaty_steps'
                WHEN 'ratified' THEN 'txt_treaty_steps'
                WHEN 'signed' THEN 'txt_treaty_steps'
                WHEN 'announced' THEN 'txt_treaty_steps'
                WHEN 'pending' THEN 'txt_treaty_steps'
                WHEN 'not_member' THEN 'txt_treaty_not_member'
            END
        WHEN feature = 'piracy_rate' THEN
            CASE coalesce(sector, '')
                WHEN 'software' THEN 'txt_piracy_software'
                WHEN '' THEN NULL
                WHEN 'other' THEN NULL
                ELSE 'txt_piracy_other'
            END
    END;
