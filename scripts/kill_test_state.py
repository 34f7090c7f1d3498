"""The state kill-test compares, of an SQLite file or a PostgreSQL database, as JSON on stdout.

Usage: kill_test_state.py sqlite|postgres TARGET   (a file, or a database URL)
"""
import json, os, sqlite3, subprocess, sys

store, target = sys.argv[1:3]

def rows(query):
    if store == "sqlite":
        return list(sqlite3.connect(target).execute(query))
    psql = os.path.join(os.environ.get("EARSHOT_TEST_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"), "psql")
    env = dict(os.environ, PGPASSWORD=os.environ.get("EARSHOT_DATABASE_PASSWORD", ""))
    output = subprocess.run([psql, target, "-X", "-A", "-t", "-F", "\t", "-c", query],
                            env=env, check=True, capture_output=True, text=True).stdout
    return [tuple(line.split("\t")) for line in output.splitlines() if line]

cases = {}
for case_id, school, key in rows(
        "SELECT case_findings.case_id, cases.school_id, case_findings.item_key FROM case_findings JOIN cases ON cases.id = case_findings.case_id"):
    cases.setdefault(str(case_id), {"school": school, "items": set()})["items"].add(key)
per_item = rows("""
    SELECT max(n) FROM (SELECT count(*) AS n FROM case_findings JOIN cases ON cases.id = case_findings.case_id
                        GROUP BY case_findings.item_key, cases.school_id) AS counts""")[0][0] or 0
if store == "sqlite":
    integrity = rows("PRAGMA integrity_check")[0][0]
else:
    # Every scanner that finished gave back what it held: no lease still runs (a killed scanner's
    # lease on a source no longer due stays until it is next claimed, but it has expired), and
    # PostgreSQL checks its own pages.
    live = rows("SELECT count(*) FROM sources WHERE lease_holder IS NOT NULL AND lease_expires_at > extract(epoch FROM now())")
    integrity = "ok" if int(live[0][0]) == 0 else "leases left"
json.dump({
    "items": sorted(row[0] for row in rows("SELECT key FROM items")),
    "findings": sorted(row[0] for row in rows("SELECT key FROM items WHERE is_mention = 1")),
    "history": sorted(row[0] for row in rows("SELECT key FROM items WHERE is_history = 1")),
    "schools": sorted([key, school] for key, school in rows("SELECT item_key, school_id FROM item_schools")),
    "held_back": sorted([key, school] for key, school in rows(
        "SELECT item_key, school_id FROM item_schools WHERE withheld_triage_json IS NOT NULL")),
    "cases": sorted([case["school"], sorted(case["items"])] for case in cases.values()),
    "sightings": sorted([key, source] for key, source in rows("SELECT item_key, source_id FROM sightings")),
    "max_cases_per_item_and_school": int(per_item),
    "integrity": integrity,
}, sys.stdout)
