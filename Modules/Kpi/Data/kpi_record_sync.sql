INSERT INTO kpi.sync_history (id, tenant_id, at, store_id, store_ref, date, source, key_id, person_id, entries, created, updated, status, reason, request_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
