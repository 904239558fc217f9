UPDATE kpi.store_monthly_totals m SET ca = s.ca, ventes = s.ventes, articles = s.articles, prospects = s.prospects
FROM (SELECT coalesce(sum(ca), 0) AS ca, coalesce(sum(ventes), 0) AS ventes, coalesce(sum(articles), 0) AS articles,
             coalesce(sum(prospects), 0) AS prospects
      FROM kpi.store_daily_totals WHERE tenant_id = $1 AND store_id = $2 AND date >= $3 AND date < $4) s
WHERE m.tenant_id = $1 AND m.store_id = $2 AND m.month = $3
