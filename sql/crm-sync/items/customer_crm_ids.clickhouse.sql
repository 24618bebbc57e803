-- The CRM record of each customer: a CRM record listing one of the customer's phones
-- (the smallest crm_id when several do).
SELECT customer_key, min(crm_id) AS crm_id
FROM (SELECT crm_id, arrayJoin(phones) AS phone FROM stg_customers) AS c
ALL INNER JOIN (SELECT phone, customer_key FROM stg_identity) AS i USING (phone)
GROUP BY customer_key
