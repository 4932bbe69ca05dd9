-- Per course and day: traffic, enrolments, sales, learning. One row per course with any event on the day.
-- Parameters: {{events}} the event table, {{from}} / {{to}} the days computed (YYYY-MM-DD, inclusive).
-- unique_viewers: signed-in viewers by user id, anonymous ones by device id.
-- lessons_active: distinct (learner, lesson) pairs with any lesson event; completion rate = lessons_completed / lessons_active.
SELECT course_id,
       "date" AS day,
       CAST(SUM(CASE WHEN type = 'course_viewed' THEN 1 ELSE 0 END) AS BIGINT) AS views,
       COUNT(DISTINCT CASE WHEN type = 'course_viewed' THEN COALESCE(user_id, 'device:' || device_id) END) AS unique_viewers,
       CAST(SUM(CASE WHEN type = 'enrolled' THEN 1 ELSE 0 END) AS BIGINT) AS enrollments,
       CAST(SUM(CASE WHEN type = 'order_paid' THEN 1 ELSE 0 END) AS BIGINT) AS purchases,
       CAST(SUM(CASE WHEN type = 'order_refunded' THEN 1 ELSE 0 END) AS BIGINT) AS refunds,
       CAST(SUM(CASE WHEN type = 'lesson_progress' THEN seconds ELSE 0 END) AS BIGINT) AS learning_seconds,
       CAST(SUM(CASE WHEN type = 'lesson_completed' THEN 1 ELSE 0 END) AS BIGINT) AS lessons_completed,
       COUNT(DISTINCT CASE WHEN type IN ('lesson_started', 'lesson_progress', 'lesson_completed')
                           THEN user_id || '/' || lesson_id END) AS lessons_active
FROM {{events}}
WHERE "date" BETWEEN '{{from}}' AND '{{to}}'
  AND course_id IS NOT NULL
GROUP BY course_id, "date"
ORDER BY course_id, "date"
