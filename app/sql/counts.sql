-- Row counts of the warehouse tables the app shows (one row).
SELECT (SELECT count(*) FROM countries)        AS countries,
       (SELECT count(*) FROM listings)         AS listings,
       (SELECT count(*) FROM treaties)         AS treaties,
       (SELECT count(*) FROM wto_members)      AS wto_members,
       (SELECT count(*) FROM piracy_rates)     AS piracy_rates,
       (SELECT count(*) FROM documents)        AS documents,
       (SELECT count(*) FROM evidence)         AS evidence,
       (SELECT max(year) FROM listings)        AS last_report_year;
