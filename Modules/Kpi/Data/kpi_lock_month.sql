INSERT INTO kpi.store_monthly_totals (tenant_id, store_id, month, updated_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (tenant_id, store_id, month) DO UPDATE SET updated_at = EXCLUDED.updated_at
