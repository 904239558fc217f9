-- One row per request cost PostgreSQL ~8 µs of CPU each (the row, its index entry, their WAL): at 40,000 requests a
-- second that is a third of a core taken from the requests themselves (bench/run: R_auth 0.92 without the log, 0.71
-- with it). The log now keeps one row per key, day and written batch — a block — whose columns are arrays, one
-- element per request in the order they were answered: PostgreSQL writes a row per second per busy key instead of
-- thousands, and the arrays are compressed together (TOAST). Small columns beside them let a reader skip a block
-- without opening it (its statuses, its routes, whether it holds an error).
CREATE TABLE activity.request_blocks (
    tenant_id   uuid        NOT NULL,
    key_id      uuid        NOT NULL,
    first_at    timestamptz NOT NULL,
    last_at     timestamptz NOT NULL,
    requests    integer     NOT NULL,
    errors      integer     NOT NULL,               -- 4xx and 5xx among them
    statuses    smallint[]  NOT NULL,               -- distinct
    routes      text[]      NOT NULL,               -- distinct
    at          timestamptz[] NOT NULL,
    method      text[]      NOT NULL,
    route       text[]      NOT NULL,
    path_ids    text[]      NOT NULL,               -- the ids in the path, comma-separated ('' for none)
    status      smallint[]  NOT NULL,
    duration_ms real[]      NOT NULL,
    detail      text[]      NOT NULL,               -- null elements for none
    client      text[]      NOT NULL,
    user_agent  text[]      NOT NULL,
    request_id  text[]      NOT NULL
) PARTITION BY RANGE (first_at);
CREATE TABLE activity.request_blocks_default PARTITION OF activity.request_blocks DEFAULT;
CREATE INDEX request_blocks_key_at ON activity.request_blocks (key_id, first_at DESC);
-- A key's last error, found without walking its error-free blocks.
CREATE INDEX request_blocks_key_errors ON activity.request_blocks (key_id, first_at DESC) WHERE errors > 0;

-- Requests per key, hour, route and status, written with the blocks in one transaction: the usage chart, the totals
-- of a filtered list and the last day's refusals read these few rows, never the blocks. Partitioned by day like them.
CREATE TABLE activity.request_counts (
    tenant_id uuid        NOT NULL,
    key_id    uuid        NOT NULL,
    hour      timestamptz NOT NULL,
    route     text        NOT NULL,
    status    smallint    NOT NULL,
    count     bigint      NOT NULL,
    PRIMARY KEY (key_id, hour, route, status)
) PARTITION BY RANGE (hour);
CREATE TABLE activity.request_counts_default PARTITION OF activity.request_counts DEFAULT;
CREATE INDEX request_counts_tenant_hour ON activity.request_counts (tenant_id, hour);

-- What was logged one row per request moves into blocks (one per key and day), then the old table goes.
INSERT INTO activity.request_blocks
SELECT tenant_id, key_id, min(at), max(at), count(*), count(*) FILTER (WHERE status >= 400),
       array_agg(DISTINCT status), array_agg(DISTINCT route),
       array_agg(at ORDER BY at), array_agg(method ORDER BY at), array_agg(route ORDER BY at),
       array_agg(array_to_string(path_ids, ',') ORDER BY at), array_agg(status ORDER BY at), array_agg(duration_ms ORDER BY at),
       array_agg(detail ORDER BY at), array_agg(client ORDER BY at), array_agg(user_agent ORDER BY at), array_agg(request_id ORDER BY at)
FROM activity.requests GROUP BY tenant_id, key_id, (at AT TIME ZONE 'UTC')::date;
INSERT INTO activity.request_counts
SELECT tenant_id, key_id, date_trunc('hour', at), route, status, count(*) FROM activity.requests GROUP BY 1, 2, 3, 4, 5;
DROP TABLE activity.requests;

-- The requests one per row again, for whoever reads the log by hand (and the tests): the blocks unnested.
CREATE VIEW activity.requests AS
SELECT b.tenant_id, b.key_id, r.at, r.method, r.route, r.path_ids, r.status, r.duration_ms, r.detail, r.client, r.user_agent, r.request_id
FROM activity.request_blocks b,
     unnest(b.at, b.method, b.route, b.path_ids, b.status, b.duration_ms, b.detail, b.client, b.user_agent, b.request_id)
         AS r(at, method, route, path_ids, status, duration_ms, detail, client, user_agent, request_id);
