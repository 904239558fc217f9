-- Every request carries the benchmark's API key.
wrk.headers["X-API-Key"] = os.getenv("RP_BENCH_KEY")
