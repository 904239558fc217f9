-- One rate budget per API key for every host together (issue 18): a token bucket kept as the moment it will be full
-- again (the generic cell-rate algorithm, in microseconds since the epoch), from which a host leases a slice of tokens at a
-- time and spends them without asking again (Shared/Auth/RateLeases). Unlogged: a budget is worth a few seconds, a crash
-- that empties the table only gives every key a full bucket, and it costs no WAL (nor reaches a standby, which needs none).
CREATE UNLOGGED TABLE platform.rate_budgets (
    tenant_id  uuid   NOT NULL,
    key_id     uuid   NOT NULL,
    full_at_us bigint NOT NULL,
    PRIMARY KEY (tenant_id, key_id)
);

-- Takes up to p_want tokens from the key's bucket, as many as it holds (none when it is empty), and says how far ahead of
-- p_now_us the bucket's "full again" moment is afterwards. p_now_us is the calling host's clock: hosts are kept in time
-- (NTP), and a skew of d lets a host find at most d × rate more tokens. The row lock serialises hosts on one key only.
CREATE FUNCTION platform.lease_rate_budget(
    p_tenant uuid, p_key uuid, p_now_us bigint, p_want integer, p_interval_us bigint, p_capacity_us bigint,
    OUT granted integer, OUT ahead_us bigint)
LANGUAGE plpgsql AS $$
DECLARE
    starts_at bigint;
BEGIN
    SELECT greatest(full_at_us, p_now_us) INTO starts_at
      FROM platform.rate_budgets WHERE tenant_id = p_tenant AND key_id = p_key FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO platform.rate_budgets (tenant_id, key_id, full_at_us) VALUES (p_tenant, p_key, p_now_us)
        ON CONFLICT DO NOTHING;
        SELECT greatest(full_at_us, p_now_us) INTO starts_at
          FROM platform.rate_budgets WHERE tenant_id = p_tenant AND key_id = p_key FOR UPDATE;
    END IF;
    granted := least(p_want, greatest(0, (p_capacity_us - (starts_at - p_now_us)) / p_interval_us))::integer;
    IF granted > 0 THEN
        UPDATE platform.rate_budgets SET full_at_us = starts_at + granted * p_interval_us
         WHERE tenant_id = p_tenant AND key_id = p_key;
    END IF;
    ahead_us := starts_at + granted * p_interval_us - p_now_us;
END
$$;
