CREATE SCHEMA IF NOT EXISTS webhooks;

-- A gérant's endpoint: where events of the chosen types are sent, signed with its secret (Standard Webhooks). The
-- secrets are kept protected by the host's data-protection keys, never in clear; after a rotation the previous one
-- keeps signing beside the new one until previous_secret_until.
CREATE TABLE webhooks.endpoints (
    id                    uuid        PRIMARY KEY,
    tenant_id             uuid        NOT NULL,
    url                   text        NOT NULL,
    event_types           text[]      NOT NULL,
    description           text        NOT NULL DEFAULT '',
    enabled               boolean     NOT NULL DEFAULT true,
    secret                text        NOT NULL,
    previous_secret       text,
    previous_secret_until timestamptz,
    failing_since         timestamptz,            -- the first failure of the current run of failures
    disabled_reason       text,                   -- set when the dispatcher disabled it (failing for too long)
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);
CREATE INDEX endpoints_tenant ON webhooks.endpoints (tenant_id, created_at);

-- The outbox: one row per event a subscribed tenant must hear of, written in the transaction of the change.
CREATE TABLE webhooks.events (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    data        jsonb       NOT NULL
);
CREATE INDEX events_tenant ON webhooks.events (tenant_id, occurred_at);

-- One event to one endpoint: pending until delivered (a 2xx) or given up (the schedule spent, or a 4xx answer).
-- A dispatcher claims due rows with FOR UPDATE SKIP LOCKED and pushes next_attempt_at past the send's timeout (its
-- lease), so that two hosts never send one attempt twice.
CREATE TABLE webhooks.deliveries (
    id              uuid        PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    event_id        uuid        NOT NULL REFERENCES webhooks.events ON DELETE CASCADE,
    endpoint_id     uuid        NOT NULL REFERENCES webhooks.endpoints ON DELETE CASCADE,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_status     smallint,
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL
);
CREATE INDEX deliveries_due ON webhooks.deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_endpoint ON webhooks.deliveries (endpoint_id, created_at DESC);

-- Every attempt: when, the answer's status (null when none came), how long, the answer's first kilobyte, the error.
CREATE TABLE webhooks.attempts (
    id            uuid        PRIMARY KEY,
    tenant_id     uuid        NOT NULL,
    delivery_id   uuid        NOT NULL REFERENCES webhooks.deliveries ON DELETE CASCADE,
    attempted_at  timestamptz NOT NULL,
    status_code   smallint,
    duration_ms   real        NOT NULL,
    response_body text,
    error         text
);
CREATE INDEX attempts_delivery ON webhooks.attempts (delivery_id, attempted_at);
