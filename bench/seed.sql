-- The benchmark's dataset, written straight into the modules' tables (the schema comes from the host's
-- migrations, which ran first). Variables: tenant, gerant, key, stores, sellers, days.
-- Five "flagship" stores hold 100 sellers each, so a kpi/sync batch of 100 entries exists; the other
-- sellers are spread over the other stores.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO users.tenants (id, name) VALUES (:'tenant', 'Bench chain');
INSERT INTO users.users (tenant_id, id, role, name, email, email_normalized, security_stamp)
VALUES (:'tenant', :'gerant', 'gerant', 'Bench Gérant', 'gerant@bench.local', 'gerant@bench.local', 'bench');

CREATE TEMP TABLE bench_stores AS SELECT n, gen_random_uuid() AS id FROM generate_series(0, :stores - 1) n;
INSERT INTO stores.stores (tenant_id, id, name, location, address, gerant_id)
SELECT :'tenant', id, 'Bench store ' || lpad(n::text, 3, '0'), 'Ville ' || n, n || ' rue du Commerce', :'gerant' FROM bench_stores;

INSERT INTO users.users (tenant_id, id, role, name, email, email_normalized, store_id, security_stamp)
SELECT :'tenant', gen_random_uuid(), 'manager', 'Manager ' || n, 'manager' || n || '@bench.local', 'manager' || n || '@bench.local', id, 'bench'
FROM bench_stores;

CREATE TEMP TABLE bench_sellers AS
SELECT k, gen_random_uuid() AS id, CASE WHEN k < 500 THEN k / 100 ELSE 5 + (k - 500) % (:stores - 5) END AS store_n
FROM generate_series(0, :sellers - 1) k;
INSERT INTO users.users (tenant_id, id, role, name, email, email_normalized, store_id, security_stamp)
SELECT :'tenant', se.id, 'seller', 'Seller ' || k, 'seller' || k || '@bench.local', 'seller' || k || '@bench.local', st.id, 'bench'
FROM bench_sellers se JOIN bench_stores st ON st.n = se.store_n;

INSERT INTO kpi.entries (tenant_id, seller_id, date, id, store_id, ca_journalier, nb_ventes, nb_articles, prospects, source)
SELECT :'tenant', se.id, d::date, gen_random_uuid(), st.id,
       round((random() * 2000)::numeric, 2), (random() * 20)::int, (random() * 40)::int, (random() * 50)::int, 'bench'
FROM bench_sellers se JOIN bench_stores st ON st.n = se.store_n
CROSS JOIN generate_series(current_date - :days, current_date - 1, interval '1 day') d;

INSERT INTO kpi.store_daily_totals (tenant_id, store_id, date, ca, ventes, articles, prospects, entries)
SELECT tenant_id, store_id, date, sum(ca_journalier), sum(nb_ventes), sum(nb_articles), sum(prospects), count(*)
FROM kpi.entries WHERE tenant_id = :'tenant' GROUP BY tenant_id, store_id, date;

INSERT INTO kpi.store_monthly_totals (tenant_id, store_id, month, ca, ventes, articles, prospects)
SELECT tenant_id, store_id, date_trunc('month', date)::date, sum(ca), sum(ventes), sum(articles), sum(prospects)
FROM kpi.store_daily_totals WHERE tenant_id = :'tenant' GROUP BY 1, 2, 3;

INSERT INTO keys.api_keys (tenant_id, id, name, key_hash, key_hint, permissions, created_by)
VALUES (:'tenant', gen_random_uuid(), 'Bench key', sha256(convert_to(:'key', 'UTF8')), 'rp_live_…bench',
        ARRAY['kpi:write', 'stats:read', 'stores:read', 'stores:write', 'users:write'], :'gerant');
COMMIT;
ANALYZE;
