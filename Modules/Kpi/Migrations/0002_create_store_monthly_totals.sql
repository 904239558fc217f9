-- Per store and month, the sums of kpi.store_daily_totals, kept exact in the same transaction as every KPI
-- write. A year of statistics then reads about 12 monthly rows per store plus the days of its two
-- ragged edges, instead of 365 daily rows.
CREATE TABLE kpi.store_monthly_totals (
    tenant_id  uuid          NOT NULL,
    store_id   uuid          NOT NULL,
    month      date          NOT NULL CHECK (extract(day FROM month) = 1),
    ca         numeric(18,2) NOT NULL DEFAULT 0,
    ventes     bigint        NOT NULL DEFAULT 0,
    articles   bigint        NOT NULL DEFAULT 0,
    prospects  bigint        NOT NULL DEFAULT 0,
    updated_at timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, store_id, month)
);

INSERT INTO kpi.store_monthly_totals (tenant_id, store_id, month, ca, ventes, articles, prospects)
SELECT tenant_id, store_id, date_trunc('month', date)::date, sum(ca), sum(ventes), sum(articles), sum(prospects)
FROM kpi.store_daily_totals GROUP BY 1, 2, 3;
