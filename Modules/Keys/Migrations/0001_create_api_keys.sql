CREATE SCHEMA IF NOT EXISTS keys;

CREATE TABLE keys.api_keys (
    tenant_id       uuid        NOT NULL,
    id              uuid        NOT NULL,
    name            text        NOT NULL,
    -- SHA-256 of the secret; the secret itself is never stored.
    key_hash        bytea       NOT NULL,
    key_hint        text        NOT NULL,
    permissions     text[]      NOT NULL,
    -- null: every store of the tenant.
    store_ids       uuid[],
    expires_in_days int,
    expires_at      timestamptz,
    created_by      uuid        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_used_at    timestamptz,
    active          boolean     NOT NULL DEFAULT true,
    revoked_at      timestamptz,
    -- the key that a regeneration put in this one's place
    replaced_by     uuid,
    PRIMARY KEY (tenant_id, id)
);

-- Authentication finds a key by its hash alone (the caller's tenant is not known yet).
CREATE UNIQUE INDEX api_keys_hash ON keys.api_keys (key_hash);
CREATE INDEX api_keys_tenant_created ON keys.api_keys (tenant_id, created_at DESC);
