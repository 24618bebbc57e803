-- The CRM record of each customer: a CRM record listing one of the customer's phones
-- (the smallest crm_id when several do).
SELECT i.customer_key, min(c.crm_id) AS crm_id
FROM (SELECT crm_id, unnest(phones) AS phone FROM stg_customers) c
JOIN stg_identity i ON i.phone = c.phone
GROUP BY i.customer_key
