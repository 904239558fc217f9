-- The gérant's pages of the app API: their bearer token.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("RP_BENCH_TOKEN")
