-- Totals per store over the period $3..$4 (inclusive) for the stores $2 of tenant $1. The whole months of the period
-- are read from the monthly totals, the ragged days before and after them from the daily totals. The month bounds are
-- immutable expressions of $3 and $4 alone, folded into constants when the query is planned with its values (date_trunc
-- of a timestamp, not of a date: that resolves to the timestamptz overload, only stable, evaluated on every row, 4× slower), so that this file
-- is the only place the arithmetic lives: the first day of the first whole month, and the first day after the last one
-- (equal when the period holds no whole month).
SELECT store_id, sum(ca), sum(ventes)::bigint, sum(articles)::bigint, sum(prospects)::bigint
FROM (
    SELECT store_id, ca, ventes, articles, prospects FROM kpi.store_monthly_totals
    WHERE tenant_id = $1 AND store_id = ANY($2)
      AND month >= (CASE WHEN extract(day FROM $3::date) = 1 THEN $3::date ELSE (date_trunc('month', $3::date::timestamp) + interval '1 month')::date END)
      AND month < greatest(date_trunc('month', ($4::date + 1)::timestamp)::date,
                           CASE WHEN extract(day FROM $3::date) = 1 THEN $3::date ELSE (date_trunc('month', $3::date::timestamp) + interval '1 month')::date END)
    UNION ALL
    SELECT store_id, ca, ventes, articles, prospects FROM kpi.store_daily_totals
    WHERE tenant_id = $1 AND store_id = ANY($2) AND date BETWEEN $3::date AND $4::date
      AND NOT (date >= (CASE WHEN extract(day FROM $3::date) = 1 THEN $3::date ELSE (date_trunc('month', $3::date::timestamp) + interval '1 month')::date END)
               AND date < greatest(date_trunc('month', ($4::date + 1)::timestamp)::date,
                                   CASE WHEN extract(day FROM $3::date) = 1 THEN $3::date ELSE (date_trunc('month', $3::date::timestamp) + interval '1 month')::date END))
) t
GROUP BY store_id
