-- A flood of sign-ins for random emails. With RP_BENCH_FLOOD_SPREAD=many each request claims another client address
-- in X-Forwarded-For (the benchmark's host trusts loopback as its proxy), from the benchmarking range 198.18.0.0/15,
-- so that the per-address limit cannot stop it and only the bound on concurrent password hashing protects the API.
-- The addresses are header text only: every packet goes to the host on loopback.
local spread = os.getenv("RP_BENCH_FLOOD_SPREAD") == "many"
local counter = 0

request = function()
  counter = counter + 1
  local headers = { ["Content-Type"] = "application/json" }
  if spread then
    headers["X-Forwarded-For"] = string.format("198.%d.%d.%d", math.random(18, 19), math.random(0, 255), math.random(1, 254))
  end
  local body = string.format('{"email":"flood-%d-%d@example.test","password":"not-the-password"}', math.random(1, 1000000000), counter)
  return wrk.format("POST", "/api/auth/login", headers, body)
end
