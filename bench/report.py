#!/usr/bin/env python3
"""Turns the raw wrk and pgbench outputs of one bench/run into bench/results/*.md (and prints it)."""
import argparse, datetime, pathlib, re, statistics

p = argparse.ArgumentParser()
p.add_argument("--raw", required=True); p.add_argument("--reps", type=int, required=True)
p.add_argument("--machine", required=True); p.add_argument("--dataset", required=True)
p.add_argument("--settings", required=True); p.add_argument("--out", required=True)
p.add_argument("--logged", type=int, default=0); p.add_argument("--logged-bytes", type=int, default=0)
p.add_argument("--live-log-bytes-per-million", type=int, default=0)
p.add_argument("--deliveries-per-second", type=float, default=0)
a = p.parse_args()
raw = pathlib.Path(a.raw)

def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]

def wrk(path):
    text = path.read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    lat = {m.group(1): ms(m.group(2), m.group(3)) for m in re.finditer(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)}
    non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", text)) else 0
    sock = sum(int(x) for x in m.groups()) if (m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)) else 0
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    return {"rps": rps, "p50": lat.get("50"), "p99": lat.get("99"), "errors": non2xx + sock,
            "host_cpu": cpu_per_request(text, "host_cpu_ms", requests), "pg_cpu": cpu_per_request(text, "pg_cpu_ms", requests),
            "stolen": float(m.group(1)) if (m := re.search(r"stolen_share ([\d.]+)", text)) else None,
            "allocated": allocated_per_request(text, requests), "gc_full": counted(text, "gc_full_collections"),
            "gc_paused": paused_share(text), "jit_ms": float(m.group(1)) if (m := re.search(r"jit_ms (-?[\d.]+)", text)) else None}

def counted(text, name):
    return int(m.group(1)) if (m := re.search(name + r" (-?\d+)", text)) else None

def allocated_per_request(text, requests):
    """Bytes allocated per request; None when not measured, or when the counter did not move although collections
    happened (the runtime's imprecise total did that for minutes in a run; /metrics now publishes the precise one, and
    the raw file keeps both scrapes' values)."""
    value, collections = counted(text, "gc_allocated_bytes"), counted(text, "gc_collections")
    if value is None or value < 0 or not requests or (value == 0 and collections): return None
    return value / requests

def paused_share(text):
    """The share of the measured time the host's threads were paused by garbage collections."""
    pause = re.search(r"gc_pause_ms (-?[\d.]+)", text); seconds = re.search(r"requests in ([\d.]+)s", text)
    return float(pause.group(1)) / (1000 * float(seconds.group(1))) if pause and seconds and float(pause.group(1)) >= 0 else None

def cpu_per_request(text, name, requests):
    """CPU ms per request, or None when not measured (or not measurable: a negative difference)."""
    m = re.search(name + r" (-?[\d.]+)", text)
    return float(m.group(1)) / requests if m and requests and float(m.group(1)) >= 0 else None

def pgbench(path):
    text = path.read_text()
    tps = float(re.search(r"tps = ([\d.]+)", text).group(1))
    avg = float(m.group(1)) if (m := re.search(r"latency average = ([\d.]+) ms", text)) else None
    failed = int(m.group(1)) if (m := re.search(r"number of failed transactions: (\d+)", text)) else 0
    return {"rps": tps, "avg": avg, "errors": failed}

def median_of(kind, name, parse):
    runs = [parse(raw / f"{kind}-{name}-rep{r}.txt") for r in range(1, a.reps + 1)]
    out = {k: statistics.median(values) for k in runs[0] if (values := [r[k] for r in runs if r.get(k) is not None])}
    out["errors"] = sum(r["errors"] for r in runs)
    out["all"] = [r["rps"] for r in runs]
    out["all_jit"] = [r.get("jit_ms") for r in runs]
    return out

measured = lambda kind, n: (raw / f"{kind}-{n}-rep1.txt").exists()
api_names = [n for n in ["health", "me", "health-log-off", "me-log-off", "my-stores", "my-stats-30", "my-stats-365", "my-stats-365-c1", "sync-new",
                          "sync-new-log-off", "sync-existing", "sync-existing-log-off", "usage", "requests", "requests-filtered"] if measured("api", n)]
flood_names = [n for n in ["me-idle", "me-during-health-flood", "health-flood", "me-during-login-flood", "login-flood"] if measured("api", n)]
db_names = [n for n in ["my-stores", "my-stats-30", "my-stats-365", "sync-new", "sync-existing"] if measured("db", n)]
api = {n: median_of("api", n, wrk) for n in api_names}
db = {n: median_of("db", n, pgbench) for n in db_names}

rows_per_request = {"sync-new": 100, "sync-existing": 100, "sync-new-log-off": 100, "sync-existing-log-off": 100}
def ratio(numerator, denominator):
    """The median of the ratios of the repetitions, each pair run back to back."""
    if not numerator or not denominator: return None
    return statistics.median(n / d for n, d in zip(numerator["all"], denominator["all"]))
def cpu_ratio(cheaper, dearer):
    """CPU per request of the cheaper endpoint ÷ that of the dearer one (medians over the repetitions)."""
    if not cheaper or not dearer or not cheaper.get("host_cpu") or not dearer.get("host_cpu"): return None
    return cheaper["host_cpu"] / dearer["host_cpu"]
ratios = [r for r in [
    ("R_auth", "`/me` req/s ÷ `/health` req/s, request log on (the default)", ratio(api.get("me"), api.get("health")), 0.9),
    ("R_auth, request log off", "the same on a second host with `RequestLog:Enabled=false`", ratio(api.get("me-log-off"), api.get("health-log-off")), 0.85),
    ("(R_auth by CPU)", "the host's CPU per `/health` request ÷ per `/me` request, request log on, for information: steadier than req/s when the hypervisor takes a share", cpu_ratio(api.get("health"), api.get("me")), None),
    ("(R_auth by CPU, request log off)", "the same on the second host, for information", cpu_ratio(api.get("health-log-off"), api.get("me-log-off")), None),
    ("R_sync (new rows)", "API KPI rows/s ÷ pgbench upsert rows/s, request log on, an endpoint subscribed to kpi.synced", ratio(api.get("sync-new"), db.get("sync-new")), 0.8),
    ("R_sync (new rows), request log off", "the same on the second host", ratio(api.get("sync-new-log-off"), db.get("sync-new")), 0.6),
    ("R_sync (existing rows)", "API KPI rows/s ÷ pgbench upsert rows/s, request log on, an endpoint subscribed to kpi.synced", ratio(api.get("sync-existing"), db.get("sync-existing")), 0.8),
    ("R_sync (existing rows), request log off", "the same on the second host", ratio(api.get("sync-existing-log-off"), db.get("sync-existing")), 0.6),
    ("R_stats (365 days)", "API my-stats req/s ÷ pgbench statistics-query req/s", ratio(api.get("my-stats-365"), db.get("my-stats-365")), 0.6),
    ("(R_stats over 30 days)", "API my-stats req/s ÷ pgbench statistics-query req/s, for information", ratio(api.get("my-stats-30"), db.get("my-stats-30")), None),
    ("R_stores", "API my-stores req/s ÷ pgbench my-stores-query req/s", ratio(api.get("my-stores"), db.get("my-stores")), 0.6),
] if r[2] is not None]

f = lambda x, d=1: "–" if x is None else f"{x:,.{d}f}"
stolen = lambda r: "–" if r.get("stolen") is None else f"{r['stolen']:.0%}"
share = lambda x: "–" if x is None else f"{x:.1%}"
full_gcs = lambda r: "–" if r.get("gc_full") is None else f"{r['gc_full']:g}"
lines = [
    f"# Benchmark results ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC)", "",
    f"Machine: {a.machine}.  ",
    f"Dataset: {a.dataset}.  ",
    f"Load: {a.settings}; medians of the repetitions; each ratio is the median of the ratios of its repetitions, whose two sides ran back to back. Command: `bench/run{' --large' if 'large' in a.out else ''}`.", "",
    "## Ratios (each taken within this run)", "",
    "| ratio | definition | value | bar | |", "|---|---|---:|---:|---|",
]
for name, definition, value, bar in ratios:
    verdict = "" if bar is None else ("✅" if value >= bar else "❌")
    lines.append(f"| {name} | {definition} | {value:.2f} | {'–' if bar is None else f'≥ {bar}'} | {verdict} |")
logged = f"{a.logged:,}"
for n, label in (("my-stats-365", "one-year my-stats at the load's connections"),
                 ("my-stats-365-c1", "one-year my-stats from one client waiting for each answer (what a dashboard feels)"),
                 ("usage", f"a key's 30-day usage chart, {logged} requests logged, from one client"),
                 ("requests", f"a key's last requests, {logged} requests logged, from one client"),
                 ("requests-filtered", f"a key's requests filtered (4xx, kpi/sync, a week, page 3), {logged} requests logged, from one client")):
    if n in api:
        p99 = api[n].get("p99")
        lines.append(f"| p99 of {label} | wrk latency distribution | {p99:.1f} ms | < 50 ms | {'✅' if p99 < 50 else '❌'} |")
if a.logged:
    lines.append(f"| storage of the request log | the seeded log's blocks and hourly counts (indexes, TOAST), per million requests | {a.logged_bytes / (a.logged / 1e6) / 1e6:.1f} MB | – | |")
if a.deliveries_per_second:
    lines.append(f"| webhook deliveries | signed POSTs one host's dispatcher delivers per second to a loopback receiver (20,000 queued) | {a.deliveries_per_second:,.0f}/s | – | |")
if a.live_log_bytes_per_million:
    lines.append(f"| storage of the blocks this run's load wrote | their rows (real request ids and times, lz4), per million requests | {a.live_log_bytes_per_million / 1e6:.1f} MB | – | |")
errors = sum(api[n]["errors"] for n in api_names if n not in ("my-stats-365-c1", "usage", "requests", "requests-filtered"))
lines += ["", f"Errors (non-2xx and socket errors) across every API run at {a.settings.split(',')[0].split('-c')[-1]} connections: **{errors}**.", "",
          "## API (wrk)", "", "| endpoint | req/s | rows/s | p50 ms | p99 ms | errors | host CPU ms/req | PostgreSQL CPU ms/req | machine time stolen | allocated B/req | GC paused | full GCs | req/s per repetition | JIT ms per repetition |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
for n in api_names:
    r = api[n]; rows = r["rps"] * rows_per_request.get(n, 0)
    lines.append(f"| {n} | {f(r['rps'])} | {f(rows, 0) if rows else '–'} | {f(r.get('p50'), 2)} | {f(r.get('p99'), 2)} | {r['errors']} | {f(r.get('host_cpu'), 3)} | {f(r.get('pg_cpu'), 3)} | {stolen(r)} | {f(r.get('allocated'), 0)} | {share(r.get('gc_paused'))} | {full_gcs(r)} | {', '.join(f(x) for x in r['all'])} | {', '.join('–' if x is None else f(x, 0) for x in r['all_jit'])} |")
if len(flood_names) == 5:
    flood = {n: median_of("api", n, wrk) for n in flood_names}
    idle, health, login = flood["me-idle"], flood["me-during-health-flood"], flood["me-during-login-flood"]
    lines += ["", "## A login flood (random emails, many client addresses) and the integration API", "",
              "`/me` from 4 clients: alone; while 64 connections flood `GET /health` (what the HTTP volume alone costs two cores);",
              "while 64 connections flood `POST /api/auth/login` with random emails, each from another forwarded address (the per-address",
              "limit cannot stop it; the host's budget of password checks does). The floods are unthrottled wrk: they take a core themselves.", "",
              "| `/me` | p50 ms | p99 ms | req/s | flood req/s | flood answers not 2xx |", "|---|---:|---:|---:|---:|---:|",
              f"| alone | {f(idle.get('p50'), 2)} | {f(idle.get('p99'), 2)} | {f(idle['rps'])} | – | – |",
              f"| during a `/health` flood | {f(health.get('p50'), 2)} | {f(health.get('p99'), 2)} | {f(health['rps'])} | {f(flood['health-flood']['rps'])} | {flood['health-flood']['errors']:,} |",
              f"| during a login flood | {f(login.get('p50'), 2)} | {f(login.get('p99'), 2)} | {f(login['rps'])} | {f(flood['login-flood']['rps'])} | {flood['login-flood']['errors']:,} |",
              "", f"Login flood ÷ `/health` flood, for `/me`: p50 {login['p50'] / health['p50']:.2f}, p99 {login['p99'] / health['p99']:.2f}, "
                  f"req/s {login['rps'] / health['rps']:.2f} (1 = sign-ins cost the API no more than any other request)."]
lines += ["", "## The same database work without the API (pgbench)", "", "| queries of | transactions/s | rows/s | avg latency ms | failed |", "|---|---:|---:|---:|---:|"]
for n in db_names:
    r = db[n]; rows = r["rps"] * rows_per_request.get(n, 0)
    lines.append(f"| {n} | {f(r['rps'])} | {f(rows, 0) if rows else '–'} | {f(r.get('avg'), 2)} | {r['errors']} |")
text = "\n".join(lines) + "\n"
pathlib.Path(a.out).write_text(text)
print(text)
