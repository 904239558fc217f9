-- An integration names people by the id its own system gives them (external_id): unique per tenant among people who
-- are not deleted (a deleted person's id can be reused, as their email can). Before the index, people who already
-- share one keep it on the earliest created; the others lose it, and what they had is kept here, for support to
-- tell the gérant — never silently dropped.
CREATE TABLE users.external_id_conflicts (
    tenant_id   uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    external_id text        NOT NULL,
    cleared_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id)
);

WITH ranked AS (
    SELECT tenant_id, id, external_id,
           row_number() OVER (PARTITION BY tenant_id, external_id ORDER BY created_at, id) AS rank
    FROM users.users
    WHERE status <> 'deleted' AND external_id IS NOT NULL
), cleared AS (
    INSERT INTO users.external_id_conflicts (tenant_id, user_id, external_id)
    SELECT tenant_id, id, external_id FROM ranked WHERE rank > 1
    RETURNING tenant_id, user_id
)
UPDATE users.users u SET external_id = NULL
FROM cleared c WHERE u.tenant_id = c.tenant_id AND u.id = c.user_id;

CREATE UNIQUE INDEX users_live_external_id ON users.users (tenant_id, external_id) WHERE status <> 'deleted' AND external_id IS NOT NULL;
