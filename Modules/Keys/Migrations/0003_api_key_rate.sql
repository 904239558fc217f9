-- A key's own sustained rate (requests per second) set by the gérant; null: the product's default (RateLimiting:PermitsPerSecond).
ALTER TABLE keys.api_keys ADD COLUMN rate_limit_per_second integer CHECK (rate_limit_per_second > 0);
