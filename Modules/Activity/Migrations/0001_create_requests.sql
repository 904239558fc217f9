CREATE SCHEMA IF NOT EXISTS activity;

-- Every request of the integration API whose key resolved (tenant and key known): what the gérant reads per key.
-- Never a secret, never a body. Partitioned by day so that retention drops whole days (RequestLogPartitions), never DELETEs;
-- the default partition only catches a row whose day has no partition yet (a clock far off), so that no batch fails.
CREATE TABLE activity.requests (
    tenant_id   uuid        NOT NULL,
    at          timestamptz NOT NULL,
    key_id      uuid        NOT NULL,
    method      text        NOT NULL,
    route       text        NOT NULL,
    path_ids    uuid[]      NOT NULL,
    status      smallint    NOT NULL,
    duration_ms real        NOT NULL,
    detail      text,
    client      text,
    user_agent  text,
    request_id  text        NOT NULL
) PARTITION BY RANGE (at);
CREATE TABLE activity.requests_default PARTITION OF activity.requests DEFAULT;
CREATE INDEX requests_key_at ON activity.requests (tenant_id, key_id, at DESC);

-- Requests refused for a key that resolved to no tenant (missing, unknown): counted product-wide per hour, never
-- tied to a tenant, never with what was presented.
CREATE TABLE activity.unattributed_refusals (
    hour    timestamptz NOT NULL PRIMARY KEY,
    count   bigint      NOT NULL
);
