-- Every KPI batch, accepted or refused (issue 15, item 2): kpi/sync's batches and the web app's entries, with who sent
-- them (a key or a person), what they named and what came of it. An accepted batch's row is written in the batch's own
-- transaction (no history of a write that rolled back); a refusal's row is written when it is answered.
CREATE TABLE kpi.sync_history (
    id         uuid        PRIMARY KEY,
    tenant_id  uuid        NOT NULL,
    at         timestamptz NOT NULL,
    store_id   uuid,                 -- null when the batch named no store by our id and none was found by its own
    store_ref  text,                 -- the store as the batch named it when that is not our id (store_external_id)
    date       date,                 -- null when the batch's date was missing or malformed
    source     text        NOT NULL,
    key_id     uuid,                 -- kpi/sync's key
    person_id  uuid,                 -- or the person who entered it
    entries    integer     NOT NULL,
    created    integer     NOT NULL,
    updated    integer     NOT NULL,
    status     smallint    NOT NULL, -- 200, or the refusal's status
    reason     text,                 -- the refusal's detail and field errors
    request_id text
);
CREATE INDEX sync_history_tenant_at ON kpi.sync_history (tenant_id, at DESC);
CREATE INDEX sync_history_tenant_store_at ON kpi.sync_history (tenant_id, store_id, at DESC);
