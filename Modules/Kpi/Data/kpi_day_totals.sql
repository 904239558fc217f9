UPDATE kpi.store_daily_totals t SET ca = s.ca, ventes = s.ventes, articles = s.articles, prospects = s.prospects, entries = s.entries
FROM (SELECT coalesce(sum(ca_journalier), 0) AS ca, coalesce(sum(nb_ventes), 0) AS ventes, coalesce(sum(nb_articles), 0) AS articles,
             coalesce(sum(prospects), 0) AS prospects, count(*)::int AS entries
      FROM kpi.entries WHERE tenant_id = $1 AND store_id = $2 AND date = $3) s
WHERE t.tenant_id = $1 AND t.store_id = $2 AND t.date = $3
