-- The request log of a busy tenant (issue 15, item 6): :requests requests of the last 30 days in blocks of 1,000 (what
-- the log writer leaves for a busy key), spread over :keys keys, the benchmark's key first; 95 % answered 200, 3 % 404,
-- 1 % 403, 1 % 401, over three routes. The hourly counts are the blocks' own. The days get their partitions, as the
-- host's maintenance would have made them.
--   psql -v tenant=… -v key_id=… -v requests=10000000 -v keys=10 -f bench/seed-activity.sql
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET default_toast_compression = lz4;   -- as the log writer does
DO $$
DECLARE day date;
BEGIN
  FOR day IN SELECT generate_series(current_date - 31, current_date + 1, interval '1 day')::date LOOP
    IF to_regclass('activity.request_blocks_d' || to_char(day, 'YYYYMMDD')) IS NULL THEN
      EXECUTE format('CREATE TABLE activity.%I PARTITION OF activity.request_blocks FOR VALUES FROM (%L) TO (%L)',
                     'request_blocks_d' || to_char(day, 'YYYYMMDD'), day::timestamptz, (day + 1)::timestamptz);
    END IF;
    IF to_regclass('activity.request_counts_d' || to_char(day, 'YYYYMMDD')) IS NULL THEN
      EXECUTE format('CREATE TABLE activity.%I PARTITION OF activity.request_counts FOR VALUES FROM (%L) TO (%L)',
                     'request_counts_d' || to_char(day, 'YYYYMMDD'), day::timestamptz, (day + 1)::timestamptz);
    END IF;
  END LOOP;
END $$;

-- One block's 1,000 requests, the same for every block (only its key and time differ): built once.
CREATE TEMP TABLE profile AS
SELECT i,
       CASE WHEN i % 100 < 95 THEN 200 WHEN i % 100 < 98 THEN 404 WHEN i % 100 = 98 THEN 403 ELSE 401 END AS status,
       CASE i % 3 WHEN 0 THEN '/api/v1/integrations/kpi/sync' WHEN 1 THEN '/api/v1/integrations/my-stats' ELSE '/api/v1/integrations/my-stores' END AS route
FROM generate_series(0, 999) i;
-- The block in the log writer's compact form (Modules/Activity/Data/CompactEntries.cs): little-endian entries of 51
-- bytes pointing into the block's strings, the request id as a trace's 16 + 8 bytes.
CREATE FUNCTION pg_temp.le(v bigint, size integer) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT string_agg(set_byte('\x00'::bytea, 0, ((v >> (8 * k)) & 255)::integer), ''::bytea ORDER BY k) FROM generate_series(0, size - 1) k $$;
CREATE TEMP TABLE strings AS
SELECT (n - 1)::integer AS idx, s FROM unnest(ARRAY['GET', 'POST', '/api/v1/integrations/kpi/sync', '/api/v1/integrations/my-stats', '/api/v1/integrations/my-stores', '',
  'Sellers not found in store c2dd1ada-d0a2-4a90-be81-644b7cb78bc7: 9d3b2f0e-41aa-4c51-8f0e-3c2b9a7d6e11',
  'API key does not have access to this store (not in store_ids list)', 'API key expired', '203.0.113.7', 'n8n/1.123']) WITH ORDINALITY AS t(s, n);
CREATE TEMP TABLE block AS
SELECT '\x02'::bytea || pg_temp.le(1000, 4) || pg_temp.le((SELECT count(*) FROM strings), 4)
       || (SELECT string_agg(pg_temp.le(i * 1000, 8) || pg_temp.le(CASE WHEN route LIKE '%sync' THEN 1 ELSE 0 END, 2)
                             || pg_temp.le((SELECT idx FROM strings WHERE s = route), 2) || pg_temp.le(5, 2) || pg_temp.le(status, 2) || pg_temp.le(3250, 4)
                             || pg_temp.le(CASE status WHEN 404 THEN 7 WHEN 403 THEN 8 WHEN 401 THEN 9 ELSE 0 END, 2) || pg_temp.le(10, 2) || pg_temp.le(11, 2)
                             || '\x01'::bytea || decode(md5('trace' || i) || left(md5('span' || i), 16), 'hex'), ''::bytea ORDER BY i) FROM profile)
       || (SELECT string_agg(pg_temp.le(o, 4), ''::bytea ORDER BY idx)
           FROM (SELECT idx, coalesce(sum(octet_length(s)) OVER (ORDER BY idx ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS o FROM strings
                 UNION ALL SELECT count(*), sum(octet_length(s)) FROM strings) offsets)
       || (SELECT string_agg(convert_to(s, 'UTF8'), ''::bytea ORDER BY idx) FROM strings) AS entries,
       (SELECT count(*) FILTER (WHERE status >= 400)::int FROM profile) AS errors;
CREATE TEMP TABLE pairs AS
SELECT array_agg(route ORDER BY route, status) AS routes, array_agg(status::smallint ORDER BY route, status) AS statuses, array_agg(n ORDER BY route, status) AS counts
FROM (SELECT route, status, count(*)::int AS n FROM profile GROUP BY 1, 2) p;

-- The keys (the benchmark's first), and each one's blocks evenly over the last 30 days.
CREATE TEMP TABLE seeded_keys AS
SELECT k, CASE WHEN k = 0 THEN :'key_id'::uuid ELSE gen_random_uuid() END AS key_id FROM generate_series(0, :keys - 1) k;
CREATE TEMP TABLE blocks AS
SELECT key_id, now() - interval '30 days' + b * (interval '30 days' / (:requests / :keys / 1000)) AS first_at
FROM seeded_keys, generate_series(0, :requests / :keys / 1000 - 1) b;

INSERT INTO activity.request_blocks (tenant_id, key_id, first_at, last_at, requests, errors, pair_routes, pair_statuses, pair_counts, entries)
SELECT :'tenant', b.key_id, b.first_at, b.first_at + interval '999 ms', 1000, k.errors, p.routes, p.statuses, p.counts, k.entries
FROM blocks b, block k, pairs p;

INSERT INTO activity.request_counts (tenant_id, key_id, hour, route, status, count)
SELECT :'tenant', b.key_id, date_trunc('hour', b.first_at), p.route, p.status, count(*)
FROM blocks b, profile p GROUP BY 2, 3, 4, 5
ON CONFLICT (key_id, hour, route, status) DO UPDATE SET count = activity.request_counts.count + excluded.count;
ANALYZE activity.request_blocks;
ANALYZE activity.request_counts;
