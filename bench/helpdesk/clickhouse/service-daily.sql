-- bench/postgres/service-daily.sql on ClickHouse 18.16, which has no window functions: each
-- customer's sequence (inbound content and responder messages, METRICS.md order) is one sorted
-- array, lag() and the running sum of turn starts become array functions over it, then the same
-- grouping into turns and the same exact median (the mean of the two middle values when even).
SELECT toString(toDate(toDateTime(intDiv(start_ms, 1000), {timezone}))) AS local_date,
       count() AS turns,
       if(length(arraySort(groupArrayIf(assumeNotNull(reply_ms - start_ms) / 1000, reply_ms IS NOT NULL)) AS responses) = 0, NULL,
          if(length(responses) % 2 = 1, responses[intDiv(length(responses) + 1, 2)],
             (responses[intDiv(length(responses), 2)] + responses[intDiv(length(responses), 2) + 1]) / 2)) AS median_response_s
FROM (
  SELECT customer_key, turn_no, min(item.1) AS start_ms, if(countIf(item.4 = 1) = 0, NULL, minIf(item.1, item.4 = 1)) AS reply_ms
  FROM (
    SELECT customer_key, seq,
           arrayMap(x -> x.4, seq) AS responder,
           -- A turn starts at an inbound message after a responder message or none.
           arrayCumSum(arrayMap((r, p) -> toUInt8(r = 0 AND p = 1), responder, arraySlice(arrayConcat([toUInt8(1)], responder), 1, length(responder)))) AS turn_nos
    FROM (
      SELECT customer_key, arraySort(groupArray((ts_ms, direction_order, message_id, is_responder))) AS seq
      FROM (
        SELECT nullIf(contact_key, '') AS customer_key, ts_ms, if(direction != 'inbound', 1, 0) AS direction_order, message_id,
               toUInt8(direction != 'inbound') AS is_responder
        FROM messages
        ANY LEFT JOIN (SELECT phone AS customer_phone, customer_key AS contact_key FROM contacts) USING customer_phone
        WHERE type IN ({content_types})
          AND (direction = 'inbound' OR (direction = 'outbound' AND sender_kind IN ('agent', 'bot')))
      )
      GROUP BY customer_key
    )
  )
  ARRAY JOIN seq AS item, turn_nos AS turn_no
  WHERE turn_no > 0
  GROUP BY customer_key, turn_no
)
GROUP BY local_date
ORDER BY local_date;
