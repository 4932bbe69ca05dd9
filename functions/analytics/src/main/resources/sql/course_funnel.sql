-- Funnel per course and view day: the day's distinct viewers of the course, and how many of them (signed in,
-- same user id) enrolled in it or paid for it at or after their first view of that day, on the view day or one
-- of the 7 days after it. Anonymous viewers count as viewers and cannot convert (no user id to follow).
-- Conversions are read up to {{to}}: the funnel of a day is final once the run for that day + 7 has run.
-- Parameters: {{events}}, {{from}} / {{to}}.
WITH views AS (
    SELECT course_id,
           "date" AS day,
           COALESCE(user_id, 'device:' || device_id) AS viewer,
           user_id,
           MIN(occurred_at) AS first_view
    FROM {{events}}
    WHERE "date" BETWEEN '{{from}}' AND '{{to}}'
      AND type = 'course_viewed'
      AND course_id IS NOT NULL
    GROUP BY course_id, "date", COALESCE(user_id, 'device:' || device_id), user_id
),
conversions AS (
    SELECT course_id, user_id, occurred_at
    FROM {{events}}
    WHERE "date" BETWEEN '{{from}}' AND '{{to}}'
      AND type IN ('enrolled', 'order_paid')
      AND user_id IS NOT NULL
)
SELECT v.course_id,
       v.day,
       COUNT(DISTINCT v.viewer) AS viewers,
       COUNT(DISTINCT c.user_id) AS converted
FROM views v
LEFT JOIN conversions c
       ON c.course_id = v.course_id
      AND c.user_id = v.user_id
      AND c.occurred_at >= v.first_view
      AND date_diff('day', CAST(v.day AS DATE), CAST(c.occurred_at AS DATE)) <= 7
GROUP BY v.course_id, v.day
ORDER BY v.course_id, v.day
