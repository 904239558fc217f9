CREATE SCHEMA IF NOT EXISTS users;

-- A tenant is one chain, created when its gérant signs up.
CREATE TABLE users.tenants (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Gérants, managers and sellers. Tenant first in every key, so the table can be sharded by tenant_id.
CREATE TABLE users.users (
    tenant_id            uuid        NOT NULL,
    id                   uuid        NOT NULL,
    role                 text        NOT NULL CHECK (role IN ('gerant', 'manager', 'seller')),
    name                 text        NOT NULL,
    email                text        NOT NULL,
    email_normalized     text        NOT NULL,
    password_hash        text,       -- null until an invited person sets a password
    phone                text,
    external_id          text,
    store_id             uuid,
    manager_id           uuid,
    status               text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deleted')),
    security_stamp       text        NOT NULL,
    last_failed_login_at timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

-- Email is unique across the product, compared case-insensitively (the normalized form is lower-case).
CREATE UNIQUE INDEX users_email_normalized ON users.users (email_normalized);
CREATE INDEX users_store ON users.users (tenant_id, store_id) WHERE store_id IS NOT NULL;
CREATE INDEX users_external_id ON users.users (tenant_id, external_id) WHERE external_id IS NOT NULL;
