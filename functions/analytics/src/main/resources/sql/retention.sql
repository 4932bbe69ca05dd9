-- Weekly retention: learners grouped by the ISO week (Monday first) of their first enrolment, and how many of
-- each cohort had any event in each week since (week_offset 0 is the cohort week itself: its whole cohort).
-- History is bounded: only {{retentionFrom}} (a Monday, 11 weeks before the week of {{to}}) to {{to}} is read,
-- so a learner's first enrolment is their first one in those 12 weeks.
-- Parameters: {{events}}, {{retentionFrom}} / {{to}}.
WITH first_enrolment AS (
    SELECT user_id,
           CAST(date_trunc('week', MIN(CAST("date" AS DATE))) AS DATE) AS cohort_week
    FROM {{events}}
    WHERE "date" BETWEEN '{{retentionFrom}}' AND '{{to}}'
      AND type = 'enrolled'
      AND user_id IS NOT NULL
    GROUP BY user_id
),
activity AS (
    SELECT DISTINCT user_id,
           CAST(date_trunc('week', CAST("date" AS DATE)) AS DATE) AS active_week
    FROM {{events}}
    WHERE "date" BETWEEN '{{retentionFrom}}' AND '{{to}}'
      AND user_id IS NOT NULL
)
SELECT CAST(f.cohort_week AS VARCHAR) AS cohort_week,
       date_diff('week', f.cohort_week, a.active_week) AS week_offset,
       COUNT(DISTINCT a.user_id) AS learners
FROM first_enrolment f
JOIN activity a
  ON a.user_id = f.user_id
 AND a.active_week >= f.cohort_week
GROUP BY f.cohort_week, date_diff('week', f.cohort_week, a.active_week)
ORDER BY f.cohort_week, week_offset
