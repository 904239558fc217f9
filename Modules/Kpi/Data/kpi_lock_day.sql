INSERT INTO kpi.store_daily_totals (tenant_id, store_id, date, updated_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (tenant_id, store_id, date) DO UPDATE SET updated_at = EXCLUDED.updated_at
