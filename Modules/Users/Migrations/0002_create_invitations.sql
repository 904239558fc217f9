-- Single-use invitations for managers and sellers created through the API. Only the token's hash is kept.
CREATE TABLE users.invitations (
    tenant_id       uuid        NOT NULL,
    id              uuid        NOT NULL,
    user_id         uuid        NOT NULL,
    email           text        NOT NULL,
    token_hash      bytea       NOT NULL,
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz,
    -- pending (being delivered), sent (SMTP accepted it), outbox (no SMTP configured: written to the log), failed
    delivery_status text        NOT NULL DEFAULT 'pending' CHECK (delivery_status IN ('pending', 'sent', 'outbox', 'failed')),
    delivery_error  text,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

CREATE UNIQUE INDEX invitations_token_hash ON users.invitations (token_hash);
CREATE INDEX invitations_tenant_created ON users.invitations (tenant_id, created_at DESC);
