-- Requests made with an Idempotency-Key, per caller (scope_id: the API key, or the person signed in), kept 24 hours:
-- the first claims the key and runs, its answer is kept and replayed to the repeats.
CREATE TABLE keys.idempotency_requests (
    tenant_id       uuid        NOT NULL,
    scope_id        uuid        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    status          integer,            -- null while the first request runs
    content_type    text,
    location        text,
    body            bytea,
    completed_at    timestamptz,
    PRIMARY KEY (tenant_id, scope_id, idempotency_key)
);
CREATE INDEX idempotency_requests_created ON keys.idempotency_requests (created_at);
