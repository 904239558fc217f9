-- An event in the outbox, kept only when an enabled endpoint of the tenant subscribed to its type, with one delivery per
-- such endpoint, due at once: $1 id, $2 tenant, $3 type, $4 occurred at, $5 data (JSON text). Run in the change's transaction.
WITH subscribed AS (
    SELECT id FROM webhooks.endpoints WHERE tenant_id = $2 AND enabled AND $3 = ANY (event_types)
), event AS (
    INSERT INTO webhooks.events (id, tenant_id, type, occurred_at, data)
    SELECT $1, $2, $3, $4, $5::jsonb WHERE EXISTS (SELECT FROM subscribed)
    RETURNING id
)
INSERT INTO webhooks.deliveries (id, tenant_id, event_id, endpoint_id, next_attempt_at, created_at)
SELECT gen_random_uuid(), $2, event.id, subscribed.id, $4, $4 FROM event CROSS JOIN subscribed

