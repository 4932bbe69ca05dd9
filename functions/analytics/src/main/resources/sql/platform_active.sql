-- Platform activity per day: distinct signed-in learners (user ids) with any event on the day (dau), in the
-- 7 days ending that day (wau) and in the 30 days ending that day (mau).
-- Parameters: {{events}}, {{days}} the days computed as a VALUES list, {{readFrom}} (29 days before the
-- first of them) / {{to}}.
WITH days AS (
    SELECT CAST(on_day AS DATE) AS on_day
    FROM (VALUES {{days}}) AS d (on_day)
),
active AS (
    SELECT DISTINCT user_id, CAST("date" AS DATE) AS active_day
    FROM {{events}}
    WHERE "date" BETWEEN '{{readFrom}}' AND '{{to}}'
      AND user_id IS NOT NULL
)
SELECT CAST(d.on_day AS VARCHAR) AS day,
       COUNT(DISTINCT CASE WHEN a.active_day = d.on_day THEN a.user_id END) AS dau,
       COUNT(DISTINCT CASE WHEN date_diff('day', a.active_day, d.on_day) < 7 THEN a.user_id END) AS wau,
       COUNT(DISTINCT a.user_id) AS mau
FROM days d
LEFT JOIN active a
       ON a.active_day <= d.on_day
      AND date_diff('day', a.active_day, d.on_day) < 30
GROUP BY d.on_day
ORDER BY d.on_day
