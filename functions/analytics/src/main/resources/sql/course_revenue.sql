-- Per course, day and currency: money paid and refunded, in minor units (never summed across currencies).
-- Parameters: {{events}}, {{from}} / {{to}}.
SELECT course_id,
       "date" AS day,
       currency,
       CAST(SUM(CASE WHEN type = 'order_paid' THEN amount ELSE 0 END) AS BIGINT) AS paid,
       CAST(SUM(CASE WHEN type = 'order_refunded' THEN amount ELSE 0 END) AS BIGINT) AS refunded
FROM {{events}}
WHERE "date" BETWEEN '{{from}}' AND '{{to}}'
  AND type IN ('order_paid', 'order_refunded')
  AND course_id IS NOT NULL
  AND currency IS NOT NULL
GROUP BY course_id, "date", currency
ORDER BY course_id, "date", currency
