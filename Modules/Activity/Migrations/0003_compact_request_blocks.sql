-- The log writer now writes a block's requests in a compact binary form (Modules/Activity/Data/CompactEntries.cs):
-- fixed-size little-endian entries pointing into the block's table of distinct strings, the request id as the trace's
-- bytes. Formatting JSON per request was most of the log's CPU on a busy host, and its ~130 bytes a request most of
-- what PostgreSQL did for the log. Blocks written before stay JSON; every reader reads both (the first byte says
-- which: 2, or the JSON's '[').

-- Little-endian integers of a bytea at a 0-based offset. (PostgreSQL's bitwise operators all bind alike: every
-- shift is parenthesised.)
CREATE FUNCTION activity.le_u16(b bytea, at integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT get_byte(b, at) | (get_byte(b, at + 1) << 8) $$;
CREATE FUNCTION activity.le_u32(b bytea, at integer) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT get_byte(b, at)::bigint | (get_byte(b, at + 1)::bigint << 8) | (get_byte(b, at + 2)::bigint << 16) | (get_byte(b, at + 3)::bigint << 24) $$;
CREATE FUNCTION activity.le_i64(b bytea, at integer) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT activity.le_u32(b, at) | (activity.le_u32(b, at + 4) << 32) $$;

-- The requests of a block, one row each, numbered in the order they were answered: what every reader unnests. Each
-- half yields nothing for the other form (the guards sit inside the set-returning calls, so neither half ever parses
-- the other's bytes, whatever order PostgreSQL evaluates things in).
CREATE OR REPLACE FUNCTION activity.block_requests(first_at timestamptz, entries bytea)
RETURNS TABLE (n bigint, at timestamptz, method text, route text, path_ids text, status smallint, duration_ms real,
               detail text, client text, user_agent text, request_id text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT e.n, first_at + (e.r->>0)::bigint * interval '1 microsecond', e.r->>1, e.r->>2, e.r->>3, (e.r->>4)::smallint, (e.r->>5)::real,
           e.r->>6, e.r->>7, e.r->>8, e.r->>9
    FROM json_array_elements(CASE WHEN get_byte(entries, 0) = 2 THEN '[]'::json ELSE convert_from(entries, 'UTF8')::json END) WITH ORDINALITY AS e(r, n)
    UNION ALL
    SELECT i + 1, first_at + activity.le_i64(entries, o) * interval '1 microsecond',
           s.strings[activity.le_u16(entries, o + 8) + 1], s.strings[activity.le_u16(entries, o + 10) + 1], s.strings[activity.le_u16(entries, o + 12) + 1],
           activity.le_u16(entries, o + 14)::smallint, (activity.le_u32(entries, o + 16) / 1000.0)::real,
           -- detail, client and agent are stored as index + 1 (0: none), which is their place in a 1-based array
           s.strings[nullif(activity.le_u16(entries, o + 20), 0)], s.strings[nullif(activity.le_u16(entries, o + 22), 0)],
           s.strings[nullif(activity.le_u16(entries, o + 24), 0)],
           CASE get_byte(entries, o + 26)
               WHEN 2 THEN s.strings[activity.le_u16(entries, o + 27) + 1]
               ELSE '00-' || encode(substring(entries FROM o + 28 FOR 16), 'hex') || '-' || encode(substring(entries FROM o + 44 FOR 8), 'hex')
                    || CASE get_byte(entries, o + 26) WHEN 1 THEN '-01' ELSE '-00' END
           END
    FROM (SELECT CASE WHEN get_byte(entries, 0) = 2 THEN activity.le_u32(entries, 1)::integer ELSE 0 END AS count,
                 CASE WHEN get_byte(entries, 0) = 2 THEN activity.le_u32(entries, 5)::integer ELSE 0 END AS strings) h
    CROSS JOIN LATERAL (
        SELECT array_agg(convert_from(substring(entries FROM 9 + h.count * 51 + (h.strings + 1) * 4 + activity.le_u32(entries, 9 + h.count * 51 + j * 4)::integer + 1
                                                FOR (activity.le_u32(entries, 9 + h.count * 51 + j * 4 + 4) - activity.le_u32(entries, 9 + h.count * 51 + j * 4))::integer),
                                      'UTF8') ORDER BY j) AS strings
        FROM generate_series(0, h.strings - 1) AS j) s
    CROSS JOIN LATERAL generate_series(0, h.count - 1) AS i
    CROSS JOIN LATERAL (SELECT 9 + i * 51 AS o) p
$$;
