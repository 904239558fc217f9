-- Invitation emails are retried (on the schedule webhook deliveries use) instead of tried once. The invitation row is the
-- email's outbox entry: written in the creation's transaction with its first attempt due, so a host that stops before
-- sending leaves it to another host; `pending` now means "an attempt is planned".
ALTER TABLE users.invitations
    ADD COLUMN delivery_attempts int NOT NULL DEFAULT 0,
    -- When the next attempt is due (null: none planned). A host sending it pushes this past the send's timeout first (its
    -- lease), so no other host sends it at the same time.
    ADD COLUMN next_attempt_at   timestamptz,
    -- The code itself, protected with the hosts' data-protection keys (an email needs the code; the table otherwise keeps
    -- only its hash), kept only while an attempt is planned: erased once sent, given up, used or voided.
    ADD COLUMN pending_code      text;

CREATE INDEX invitations_due ON users.invitations (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
