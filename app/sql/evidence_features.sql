-- The features that occur in the evidence table.
SELECT feature, count(*) AS n FROM evidence GROUP BY feature ORDER BY feature;
