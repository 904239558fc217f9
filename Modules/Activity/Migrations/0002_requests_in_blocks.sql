-- One row per request cost PostgreSQL ~8 µs of CPU each (the row, its index entry, their WAL): at 40,000 requests a
-- second that is a third of a core taken from the requests themselves (bench/run: R_auth 0.92 without the log, 0.71
-- with it). The log now keeps one row per key, UTC day and written batch — a block — whose requests are one JSON
-- array of arrays, [at (µs after first_at), method, route, path ids (comma-separated), status, duration ms, detail,
-- client, user agent, request id], in the order they were answered, stored as bytes: PostgreSQL neither parses nor
-- builds anything per request (arrays of one element per request cost ~0.13 µs per element to build), it stores a
-- compressed value (lz4 when the server has it). Small columns beside it let a reader skip a block unopened.
CREATE TABLE activity.request_blocks (
    tenant_id   uuid        NOT NULL,
    key_id      uuid        NOT NULL,
    first_at    timestamptz NOT NULL,
    last_at     timestamptz NOT NULL,
    requests    integer     NOT NULL,
    errors      integer     NOT NULL,               -- 4xx and 5xx among them
    -- How many of its requests each (route, status) holds, as three arrays of one element per pair: a filtered list
    -- counts its matches per block from these, and opens only the blocks of the page it shows.
    pair_routes   text[]     NOT NULL,
    pair_statuses smallint[] NOT NULL,
    pair_counts   integer[]  NOT NULL,
    entries     bytea       NOT NULL                -- the requests (UTF-8 JSON, see above)
) PARTITION BY RANGE (first_at);
CREATE TABLE activity.request_blocks_default PARTITION OF activity.request_blocks DEFAULT;
CREATE INDEX request_blocks_key_at ON activity.request_blocks (key_id, first_at DESC);
-- A key's last error, found without walking its error-free blocks.
CREATE INDEX request_blocks_key_errors ON activity.request_blocks (key_id, first_at DESC) WHERE errors > 0;

-- The requests of a block, one row each, numbered in the order they were answered: what every reader unnests.
CREATE FUNCTION activity.block_requests(first_at timestamptz, entries bytea)
RETURNS TABLE (n bigint, at timestamptz, method text, route text, path_ids text, status smallint, duration_ms real,
               detail text, client text, user_agent text, request_id text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT e.n, first_at + (e.r->>0)::bigint * interval '1 microsecond', e.r->>1, e.r->>2, e.r->>3, (e.r->>4)::smallint, (e.r->>5)::real,
           e.r->>6, e.r->>7, e.r->>8, e.r->>9
    FROM json_array_elements(convert_from(entries, 'UTF8')::json) WITH ORDINALITY AS e(r, n)
$$;

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
SELECT tenant_id, key_id, min(at), max(at), count(*), count(*) FILTER (WHERE status >= 400), '{}', '{}', '{}',
       convert_to(json_agg(json_build_array(
           (extract(epoch FROM at) * 1000000)::bigint - (extract(epoch FROM block_start) * 1000000)::bigint, method, route,
           array_to_string(path_ids, ','), status, duration_ms, detail, client, user_agent, request_id) ORDER BY at)::text, 'UTF8')
FROM (SELECT r.*, min(at) OVER (PARTITION BY tenant_id, key_id, (at AT TIME ZONE 'UTC')::date) AS block_start FROM activity.requests r) r
GROUP BY tenant_id, key_id, (at AT TIME ZONE 'UTC')::date;
UPDATE activity.request_blocks b SET (pair_routes, pair_statuses, pair_counts) = (
    SELECT array_agg(p.route ORDER BY p.route, p.status), array_agg(p.status ORDER BY p.route, p.status), array_agg(p.n ORDER BY p.route, p.status)
    FROM (SELECT r.route, r.status, count(*)::int AS n FROM activity.block_requests(b.first_at, b.entries) r GROUP BY 1, 2) p);
INSERT INTO activity.request_counts
SELECT tenant_id, key_id, date_trunc('hour', at), route, status, count(*) FROM activity.requests GROUP BY 1, 2, 3, 4, 5;
DROP TABLE activity.requests;

-- The requests one per row again, for whoever reads the log by hand (and the tests): the blocks unnested.
CREATE VIEW activity.requests AS
SELECT b.tenant_id, b.key_id, r.at, r.method, r.route, r.path_ids, r.status, r.duration_ms, r.detail, r.client, r.user_agent, r.request_id
FROM activity.request_blocks b, activity.block_requests(b.first_at, b.entries) r;
