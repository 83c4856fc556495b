"""A real client against `isnad serve`: SPARQLWrapper runs every saved query (with the
evidence query's parameter bound to an event) and gets JSON results whose rows equal those
of `isnad query NAME --format json`, run on the store before the server took it
(`direct` mode writes those into a folder; `compare` mode queries the server)."""
import json
import os
import subprocess
import sys

from SPARQLWrapper import JSON, SPARQLWrapper

mode, folder = sys.argv[1], sys.argv[2]
names = sorted(f[:-3] for f in os.listdir("queries") if f.endswith(".rq"))
FIRST = "SELECT ?e WHERE { GRAPH <https://w3id.org/isnad/events> { ?e isnad:mentionedIn ?m } } ORDER BY ?e LIMIT 1"
if mode == "direct":
    isnad, store = sys.argv[3], sys.argv[4]
    run = lambda args: subprocess.run([isnad, "--store", store, "query"] + args + ["--format", "json"], capture_output=True, text=True, check=True).stdout
    event = json.loads(run(["-e", FIRST]))["results"]["bindings"][0]["e"]["value"]
    os.makedirs(folder, exist_ok=True)
    for name in names:
        binds = ["--bind", f"_event=<{event}>"] if "?_event" in open(f"queries/{name}.rq", encoding="utf-8").read() else []
        open(f"{folder}/{name}.json", "w", encoding="utf-8").write(run([name] + binds))
    sys.exit(0)
client = SPARQLWrapper(sys.argv[3])
client.setReturnFormat(JSON)
client.setQuery(FIRST)
event = client.queryAndConvert()["results"]["bindings"][0]["e"]["value"]
for name in names:
    # The parameter becomes a constant in the text (the direct run bound it instead).
    text = open(f"queries/{name}.rq", encoding="utf-8").read()
    text = text.replace("SELECT DISTINCT ?_event", "SELECT DISTINCT").replace("?_event", f"<{event}>")
    client.setQuery(text)
    got = client.queryAndConvert()
    want = json.load(open(f"{folder}/{name}.json", encoding="utf-8"))
    rows = lambda r: sorted(json.dumps(b, sort_keys=True) for b in r["results"]["bindings"])
    got_rows, want_rows = rows(got), rows(want)
    if name == "evidence":  # the direct run also returns the bound ?_event column
        want_rows = sorted(json.dumps({k: v for k, v in b.items() if k != "_event"}, sort_keys=True) for b in want["results"]["bindings"])
    assert got_rows == want_rows, f"{name}: {len(got_rows)} rows over HTTP, {len(want_rows)} direct"
    print(f"SPARQLWrapper {name}: {len(got_rows)} rows, same as the store")
