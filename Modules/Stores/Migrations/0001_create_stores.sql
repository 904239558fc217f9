CREATE SCHEMA IF NOT EXISTS stores;

CREATE TABLE stores.stores (
    tenant_id       uuid        NOT NULL,
    id              uuid        NOT NULL,
    name            text        NOT NULL,
    location        text        NOT NULL,
    address         text,
    phone           text,
    opening_hours   text,
    external_id     text,
    gerant_id       uuid        NOT NULL,
    active          boolean     NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    PRIMARY KEY (tenant_id, id)
);

-- A duplicate among a tenant's active stores (same name, case-insensitively, or same external id) is refused;
-- a deleted store's name can be used again.
CREATE UNIQUE INDEX stores_active_name ON stores.stores (tenant_id, lower(name)) WHERE active;
CREATE UNIQUE INDEX stores_active_external_id ON stores.stores (tenant_id, external_id) WHERE active AND external_id IS NOT NULL;
