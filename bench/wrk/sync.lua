-- POST kpi/sync with 100 entries for one of the flagship stores.
-- RP_BENCH_SYNC=new: every request writes (seller, date) pairs that do not exist yet: dates from
--   RP_BENCH_FIRST_DAY on, a window of its own per invocation, never in the seeded year.
-- RP_BENCH_SYNC=existing: a random seeded day, so every entry updates an existing row.
local fixture = dofile(os.getenv("RP_BENCH_FIXTURE"))
local mode = os.getenv("RP_BENCH_SYNC")
local first_day = tonumber(os.getenv("RP_BENCH_FIRST_DAY"))  -- days since 1970-01-01
wrk.method = "POST"
wrk.headers["X-API-Key"] = os.getenv("RP_BENCH_KEY")
wrk.headers["Content-Type"] = "application/json"

local threads = 0
function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end

local counter = 0
function init(args)
  math.randomseed(os.time() + (thread_id or 0))
end

local function body(store, day)
  local parts = {}
  for i, seller in ipairs(store.sellers) do
    parts[i] = string.format('{"seller_id":"%s","ca_journalier":%d.%02d,"nb_ventes":%d,"nb_articles":%d,"prospects":%d}',
      seller, math.random(0, 2000), math.random(0, 99), math.random(0, 20), math.random(0, 40), math.random(0, 50))
  end
  return string.format('{"store_id":"%s","date":"%s","source":"bench","kpi_entries":[%s]}',
    store.id, os.date("!%Y-%m-%d", day * 86400), table.concat(parts, ","))
end

function request()
  counter = counter + 1
  local store, day
  if mode == "new" then
    local k = counter * 2 + (thread_id or 0)
    store = fixture.stores[(k % #fixture.stores) + 1]
    day = first_day + math.floor(k / #fixture.stores)
  else
    store = fixture.stores[math.random(1, #fixture.stores)]
    day = fixture.today - math.random(1, fixture.days)
  end
  return wrk.format(nil, nil, nil, body(store, day))
end
