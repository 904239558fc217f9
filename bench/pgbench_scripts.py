#!/usr/bin/env python3
"""Writes bench/run's pgbench scripts. The KPI write transaction and the statistics query are the product's own statements,
read from Modules/Kpi/Data/*.sql and Modules/Webhooks/Data/*.sql (the files those modules embed and run), with their $n parameters replaced by pgbench
variables or literals; the lookups of other modules that the endpoints run first are written here (see bench/README)."""
import argparse, datetime, json, pathlib, random, re

p = argparse.ArgumentParser()
p.add_argument("--work", required=True); p.add_argument("--flagships", required=True, help="JSON: [[store, [sellers…]], …]")
p.add_argument("--all-stores", required=True); p.add_argument("--days", type=int, required=True)
a = p.parse_args()
root = pathlib.Path(__file__).resolve().parent.parent
work = pathlib.Path(a.work)

def statement(name, module="Kpi", **params):
    """The product's statement in Modules/MODULE/Data/NAME.sql, its $n replaced by the given SQL expressions, as one pgbench command."""
    text = (root / "Modules" / module / "Data" / f"{name}.sql").read_text()
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
    return re.sub(r"\$(\d+)", lambda m: params[f"p{m.group(1)}"], text).strip() + ";\n"

def array(values, kind):
    return "'{" + ",".join(str(v) for v in values) + "}'::" + kind + "[]"

stores = json.loads(a.flagships)
for n, (store, sellers) in enumerate(stores):
    rnd = random.Random(n)
    columns = {
        "p6": array(sellers, "uuid"),
        "p7": f"array(SELECT gen_random_uuid() FROM generate_series(1, {len(sellers)}))",
        "p8": array([rnd.randint(0, 2000) for _ in sellers], "numeric"),
        "p9": array([rnd.randint(0, 20) for _ in sellers], "int"),
        "p10": array([rnd.randint(0, 40) for _ in sellers], "int"),
        "p11": array([rnd.randint(0, 50) for _ in sellers], "int"),
        "p12": f"array_fill(NULL::timestamptz, ARRAY[{len(sellers)}])",
    }
    for mode in ("new", "existing"):
        # New rows: days nobody wrote (after the seeded year); existing rows: a day of the seeded year.
        day_set = r"\set d random(0, 2000000)" if mode == "new" else rf"\set d random(1, {a.days})"
        day = "(date '2100-01-01' + :d::int)" if mode == "new" else "(current_date - :d::int)"
        month = f"date_trunc('month', {day})::date"
        common = {"p1": ":tenant", "p2": f"'{store}'"}
        script = day_set + "\n"
        # What POST kpi/sync asks the Stores and Users modules first (StoreDirectory.FindAsync, StaffDirectory.SellersOfStoreAsync).
        script += f"SELECT id, name, location, address, active, deleted_at FROM stores.stores WHERE tenant_id = :tenant AND id = '{store}';\n"
        script += (f"SELECT id, store_id, role, name, email, status, deleted_at FROM users.users WHERE tenant_id = :tenant "
                   f"AND id = ANY({array(sellers, 'uuid')}) AND role = 'seller' AND store_id = '{store}';\n")
        script += "BEGIN;\n"
        script += statement("kpi_lock_month", **common, p3=month, p4="now()")
        script += statement("kpi_lock_day", **common, p3=day, p4="now()")
        script += statement("kpi_upsert_entries", **common, p3=day, p4="'bench'", p5="now()", **columns)
        script += statement("kpi_day_totals", **common, p3=day)
        script += statement("kpi_month_totals", **common, p3=month, p4=f"({month} + interval '1 month')::date")
        # The batch's line of the sync history, in its transaction.
        created, updated = (len(sellers), 0) if mode == "new" else (0, len(sellers))
        script += statement("kpi_record_sync", p1="gen_random_uuid()", p2=":tenant", p3="now()", p4=f"'{store}'", p5="NULL", p6=day, p7="'bench'",
                            p8="NULL", p9="NULL", p10=str(len(sellers)), p11=str(created), p12=str(updated), p13="200", p14="NULL", p15="'bench'")
        # Its kpi.synced event, in the same transaction (the benchmark's tenant has an endpoint subscribed to it).
        data = json.dumps({"store_id": store, "date": "2025-12-08", "created": created, "updated": updated, "source": "bench",
                           "api_key_id": None, "user_id": None})
        script += statement("webhooks_add_event", module="Webhooks", p1="gen_random_uuid()", p2=":tenant", p3="'kpi.synced'", p4="now()", p5=f"'{data}'")
        script += "COMMIT;\n"
        (work / f"sync-{mode}-{n}.sql").write_text(script)

for span in (30, 365):
    today = datetime.date.today()
    start, end = today - datetime.timedelta(days=span), today - datetime.timedelta(days=1)
    # What GET my-stats runs: the store list (StoreDirectory.ListAsync), then the product's statistics query.
    script = "SELECT id, name, location, address, active, deleted_at FROM stores.stores WHERE tenant_id = :tenant AND (true OR id = ANY('{}'::uuid[])) ORDER BY name, id;\n"
    script += statement("kpi_totals_by_store", p1=":tenant", p2=f"'{{{a.all_stores}}}'::uuid[]", p3=f"'{start}'", p4=f"'{end}'")
    (work / f"my-stats-{span}.sql").write_text(script)
