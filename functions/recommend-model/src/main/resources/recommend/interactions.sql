-- Learner × course strengths from the behaviour event log's Parquet files (docs/recommendations.md,
-- "Interaction strengths"). A learner is a signed-in user, or an anonymous device (its views still
-- say which courses go together). Each event adds its weight, halved every {{half_life_days}} days
-- of age; a refund after the last payment removes the pair whatever else it holds; the sum is
-- compressed with ln(1 + x) so that a learner who watched every lesson does not outweigh a hundred
-- who enrolled. The same file runs on DuckDB (the function job) and Spark SQL (the Spark job): only
-- the table ({{events}}) and the age of an event in seconds ({{age_seconds}}) are written per engine.
WITH events AS (
    SELECT coalesce(user_id, 'device:' || device_id) AS learner, course_id, type, occurred_at, rating
    FROM {{events}}
    WHERE course_id IS NOT NULL AND (user_id IS NOT NULL OR device_id IS NOT NULL)
      AND occurred_at >= TIMESTAMP '{{from}}' AND occurred_at < TIMESTAMP '{{until}}'
),
weighted AS (
    SELECT learner, course_id, type, occurred_at,
           CASE type
               WHEN 'course_viewed' THEN 1.0
               WHEN 'recommendation_clicked' THEN 1.0
               WHEN 'lesson_started' THEN 1.0
               WHEN 'lesson_completed' THEN 2.0
               WHEN 'enrolled' THEN 5.0
               WHEN 'order_paid' THEN 5.0
               WHEN 'review_posted' THEN 2.0 * (rating - 3)
               ELSE 0.0
           END AS weight
    FROM events
),
pairs AS (
    SELECT learner, course_id,
           sum(weight * pow(0.5, {{age_seconds}} / ({{half_life_days}} * 86400.0))) AS decayed,
           max(occurred_at) FILTER (WHERE type = 'order_paid') AS paid_at,
           max(occurred_at) FILTER (WHERE type = 'order_refunded') AS refunded_at
    FROM weighted
    GROUP BY learner, course_id
)
SELECT learner, course_id, ln(1 + decayed) AS strength
FROM pairs
WHERE decayed > 0
  AND (refunded_at IS NULL OR (paid_at IS NOT NULL AND paid_at > refunded_at))
