-- When a person was deleted: their KPI is accepted for days up to that one, never later.
ALTER TABLE users.users ADD COLUMN deleted_at timestamptz;
UPDATE users.users SET deleted_at = updated_at WHERE status = 'deleted';

-- A deleted person's email can be given to a new person (a re-hire): unique among people who are not deleted.
DROP INDEX users.users_email_normalized;
CREATE UNIQUE INDEX users_email_normalized ON users.users (email_normalized) WHERE status <> 'deleted';
CREATE INDEX users_email_normalized_all ON users.users (email_normalized);

-- A resent invitation voids the ones before it.
ALTER TABLE users.invitations ADD COLUMN voided_at timestamptz;
CREATE INDEX invitations_user ON users.invitations (tenant_id, user_id);

-- Sign-in throttling, checked and recorded in one statement so that parallel attempts cannot slip through.
-- Keyed by a hash of the normalised email (known or not, so that the answers tell nothing about existence),
-- never the email itself; these rows belong to no tenant, since an unknown email has none.
-- One row per (email, client address): the next moment that client may try that email.
CREATE UNLOGGED TABLE users.sign_in_throttle (
    email_hash   bytea       NOT NULL,
    client       text        NOT NULL,
    next_attempt timestamptz NOT NULL,
    PRIMARY KEY (email_hash, client)
);
CREATE INDEX sign_in_throttle_next ON users.sign_in_throttle (next_attempt);

-- One row per email: failures in the current window, whatever the address (the ceiling of a distributed attack).
CREATE UNLOGGED TABLE users.sign_in_failures (
    email_hash   bytea       NOT NULL PRIMARY KEY,
    window_start timestamptz NOT NULL,
    failures     integer     NOT NULL
);
CREATE INDEX sign_in_failures_window ON users.sign_in_failures (window_start);
