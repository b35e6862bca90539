-- s301 warehouse schema. Every statement is idempotent (CREATE ... IF NOT EXISTS) so that
-- `s301 init` can create or migrate a file any number of times.

CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER NOT NULL,
    applied_at  TIMESTAMP NOT NULL
);

-- Reference tables: loaded from warehouse/reference/*.csv, every row keeps its source.
CREATE TABLE IF NOT EXISTS countries (
    iso3     VARCHAR PRIMARY KEY,
    name     VARCHAR NOT NULL,
    aliases  VARCHAR,            -- '|'-separated names and adjectives used in reports
    source   VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS listings (
    year          INTEGER NOT NULL,
    country_iso3  VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,   -- PFC, PWL, WL, OO, 306
    section_306   BOOLEAN NOT NULL,
    ocr           BOOLEAN NOT NULL,   -- out-of-cycle review announced (false = not known)
    source        VARCHAR NOT NULL,
    PRIMARY KEY (year, country_iso3)
);

CREATE TABLE IF NOT EXISTS listing_years (
    year          INTEGER PRIMARY KEY,
    complete      BOOLEAN NOT NULL,   -- every list of that year is known in full
    pfc_complete  BOOLEAN NOT NULL,
    pwl_complete  BOOLEAN NOT NULL,
    wl_complete   BOOLEAN NOT NULL,
    announced_pwl INTEGER,            -- counts the report announced, where known
    announced_wl  INTEGER,
    note          VARCHAR,
    source        VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS treaties (
    country_iso3  VARCHAR NOT NULL,
    treaty        VARCHAR NOT NULL,   -- WCT, WPPT, BERNE, PARIS, PCT, MADRID, ROME, GENEVA_PHONOGRAMS, ...
    event         VARCHAR NOT NULL,   -- in_force, signed, ratified, acceded
    date          DATE NOT NULL,
    source        VARCHAR NOT NULL,
    PRIMARY KEY (country_iso3, treaty, event)
);

CREATE TABLE IF NOT EXISTS wto_members (
    country_iso3    VARCHAR PRIMARY KEY,
    accession_date  DATE NOT NULL,
    source          VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS piracy_rates (
    country_iso3  VARCHAR NOT NULL,
    year          INTEGER NOT NULL,   -- the year the rate measures
    sector        VARCHAR NOT NULL,   -- software, optical_disc, music, film, online, ...
    rate          DOUBLE NOT NULL,    -- percent
    source        VARCHAR NOT NULL,
    PRIMARY KEY (country_iso3, year, sector)
);

CREATE TABLE IF NOT EXISTS embassy_recommendations (
    country_iso3        VARCHAR NOT NULL,
    review_year         INTEGER NOT NULL,
    recommended_status  VARCHAR NOT NULL,   -- none, WL, PWL, PFC; OCR = the post asked only for an
                                            -- out-of-cycle review (never a tier label: see view_labels.sql)
    action              VARCHAR,            -- maintain, elevate, lower, add, remove (vs the year before)
    context             VARCHAR,            -- annual, out_of_cycle (input to an OCR, mapped to the next report)
    refid               VARCHAR,
    evidence            VARCHAR,            -- the recommending sentence (cables are US government works)
    source              VARCHAR NOT NULL,
    PRIMARY KEY (country_iso3, review_year)
);
-- columns added after the first release (existing files get them on the next migration)
ALTER TABLE embassy_recommendations ADD COLUMN IF NOT EXISTS source_url VARCHAR;  -- stored copy read
ALTER TABLE embassy_recommendations ADD COLUMN IF NOT EXISTS note VARCHAR;        -- judgement calls

-- The placement the International Intellectual Property Alliance asked USTR for (February
-- submission for review year `year`). Facts and source URLs only: IIPA's text is not stored.
CREATE TABLE IF NOT EXISTS iipa_requests (
    year          INTEGER NOT NULL,
    country_iso3  VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,   -- PFC, PWL, WL, 306, OCR_only (only an out-of-cycle review asked),
                                      -- not_listed (special mention, no list)
    action        VARCHAR NOT NULL,   -- maintain, elevate, lower, add, remove, unknown (as the source gives it)
    ocr           BOOLEAN NOT NULL,   -- IIPA also asked for an out-of-cycle review
    found_by      VARCHAR NOT NULL,   -- shared_file (compiled before) or s301_search (added by this project)
    source        VARCHAR NOT NULL,   -- URL(s), ' | '-separated
    note          VARCHAR,            -- this project's note on a judgement call
    PRIMARY KEY (year, country_iso3)
);

-- US goods trade with each partner (IMF DOTS). Years without data have no row (never zeros).
CREATE TABLE IF NOT EXISTS us_trade (
    country_iso3  VARCHAR NOT NULL,
    year          INTEGER NOT NULL,
    exports_usd   DOUBLE,             -- US exports to the partner, FOB (NULL = not reported)
    imports_usd   DOUBLE,             -- US imports from the partner, CIF (NULL = not reported)
    source        VARCHAR NOT NULL,   -- carries IMF's required attribution
    PRIMARY KEY (country_iso3, year)
);

-- Out-of-cycle reviews USTR announced, by the report (year) that announced them. A country need not
-- be listed that year (listed_status 'none'); NULL = its list status that year is not known.
-- listings.ocr is true exactly for the listed rows of this table.
CREATE TABLE IF NOT EXISTS out_of_cycle_reviews (
    year           INTEGER NOT NULL,
    country_iso3   VARCHAR NOT NULL,
    listed_status  VARCHAR,           -- PFC, PWL, WL, OO, 306, none; NULL = not known
    source         VARCHAR NOT NULL,
    note           VARCHAR,
    PRIMARY KEY (year, country_iso3)
);

-- Documents and what was extracted from them.
CREATE TABLE IF NOT EXISTS documents (
    doc_id        VARCHAR PRIMARY KEY,  -- derived from the sha256 of the document text
    path          VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,     -- of the document text as stored
    kind          VARCHAR NOT NULL,     -- cable, ustr_report, iipa_report, wto_checklist, other
    refid         VARCHAR,
    country_iso3  VARCHAR,
    report_date   DATE,
    review_year   INTEGER,
    title         VARCHAR,
    text          VARCHAR NOT NULL,
    duplicate_of  VARCHAR,              -- doc_id of a near-identical document ingested earlier
    ingested_at   TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS evidence (
    doc_id      VARCHAR NOT NULL,
    feature     VARCHAR NOT NULL,       -- vocabulary of GOLD_SCHEMA.md
    value_num   DOUBLE,
    value_text  VARCHAR,
    qualifier   VARCHAR,                -- as the extractor wrote it, e.g. unit=persons;country=CHN (shown to people)
    unit        VARCHAR,                -- persons, cases, discs, items, USD ... (typed from the qualifier)
    ref_year    INTEGER,
    sentence    VARCHAR NOT NULL,
    char_start  INTEGER NOT NULL,       -- offsets into documents.text
    char_end    INTEGER NOT NULL,
    extractor   VARCHAR NOT NULL,
    confidence  DOUBLE,
    status      VARCHAR,                -- a treaty act: member, joined, ratified, signed, announced, pending, not_member
    sector      VARCHAR,                -- a piracy rate's sector: software, optical_disc, music, ...
    currency    VARCHAR,                -- a fine's or a value's currency
    scope       VARCHAR,                -- what an ex officio power covers: copyright, trademark
    action      VARCHAR,                -- a recommendation's action: maintain, elevate, lower, add, remove
    about_country VARCHAR               -- the country the fact is about when it is not the document's (ISO3)
);
-- Warehouses built before the typed columns: add them and fill them from the qualifier, once.
ALTER TABLE evidence ADD COLUMN IF NOT EXISTS status VARCHAR;
ALTER TABLE evidence ADD COLUMN IF NOT EXISTS sector VARCHAR;
ALTER TABLE evidence ADD COLUMN IF NOT EXISTS currency VARCHAR;
ALTER TABLE evidence ADD COLUMN IF NOT EXISTS scope VARCHAR;
ALTER TABLE evidence ADD COLUMN IF NOT EXISTS action VARCHAR;
ALTER TABLE evidence ADD COLUMN IF NOT EXISTS about_country VARCHAR;
UPDATE evidence
SET status = nullif(regexp_extract(qualifier, '(?:^|;)status=([^;]*)', 1), ''),
    sector = nullif(regexp_extract(qualifier, '(?:^|;)sector=([^;]*)', 1), ''),
    currency = nullif(regexp_extract(qualifier, '(?:^|;)currency=([^;]*)', 1), ''),
    scope = nullif(regexp_extract(qualifier, '(?:^|;)scope=([^;]*)', 1), ''),
    action = nullif(regexp_extract(qualifier, '(?:^|;)action=([^;]*)', 1), ''),
    about_country = nullif(regexp_extract(qualifier, '(?:^|;)country=([^;]*)', 1), ''),
    unit = coalesce(unit, nullif(regexp_extract(qualifier, '(?:^|;)unit=([^;]*)', 1), ''))
WHERE qualifier LIKE '%=%'
  AND status IS NULL AND sector IS NULL AND currency IS NULL AND scope IS NULL AND action IS NULL
  AND about_country IS NULL;   -- rows already typed (or with nothing to type but a unit) are left as they are

-- The extraction rules each original document's stored facts were found under: the extractor
-- fingerprint (warehouse/fingerprint.py), written with the facts. An original with no row here (stored
-- before schema version 3) or another fingerprint holds stale facts: `s301 reextract` refreshes them.
CREATE TABLE IF NOT EXISTS extraction_stamps (
    doc_id        VARCHAR PRIMARY KEY,
    fingerprint   VARCHAR NOT NULL,
    extracted_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS runs (
    run_id       VARCHAR PRIMARY KEY,
    command      VARCHAR NOT NULL,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    detail       VARCHAR                -- JSON
);

-- Views (labels, country_year_features) live in warehouse/sql/view_*.sql and are (re)created by
-- every migration, after the tables.
