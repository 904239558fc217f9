INSERT INTO kpi.entries AS e (tenant_id, seller_id, date, id, store_id, ca_journalier, nb_ventes, nb_articles, prospects, source,
                              entry_timestamp, created_at, updated_at)
SELECT $1, u.seller_id, $3, u.id, $2, u.ca, u.ventes, u.articles, u.prospects, $4, u.ts, $5, $5
FROM unnest($6::uuid[], $7::uuid[], $8::numeric[], $9::int[], $10::int[], $11::int[], $12::timestamptz[])
     WITH ORDINALITY AS u(seller_id, id, ca, ventes, articles, prospects, ts, n)
ORDER BY u.n
ON CONFLICT (tenant_id, seller_id, date) DO UPDATE SET
    ca_journalier = EXCLUDED.ca_journalier, nb_ventes = EXCLUDED.nb_ventes, nb_articles = EXCLUDED.nb_articles,
    prospects = EXCLUDED.prospects, source = EXCLUDED.source, entry_timestamp = EXCLUDED.entry_timestamp,
    updated_at = EXCLUDED.updated_at
RETURNING e.seller_id, e.id, (e.xmax = 0) AS created
