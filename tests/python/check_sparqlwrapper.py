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

# Ad-hoc queries in each result format: the same SELECT as JSON, XML, CSV and TSV, and a
# CONSTRUCT as Turtle, N-Triples (via rdflib) and JSON-LD, all with the same contents.
import csv
import io

from SPARQLWrapper import CSV, JSONLD, N3, TSV, TURTLE, XML

SELECT = "SELECT ?a ?h WHERE { ?a a isnad:Article ; schema:headline ?h } ORDER BY ?a"
client.setQuery(SELECT)
client.setReturnFormat(JSON)
want = [(b["a"]["value"], b["h"]["value"]) for b in client.queryAndConvert()["results"]["bindings"]]
assert want, "no articles over HTTP"
client.setReturnFormat(XML)
doc = client.queryAndConvert()
xml_rows = []
for result in doc.getElementsByTagName("result"):
    values = {b.getAttribute("name"): b.firstChild.firstChild.data for b in result.getElementsByTagName("binding")}
    xml_rows.append((values["a"], values["h"]))
assert xml_rows == want, "XML results differ from JSON"
for fmt, delimiter in ((CSV, ","), (TSV, "\t")):
    client.setReturnFormat(fmt)
    text = client.queryAndConvert()
    text = text.decode("utf-8") if isinstance(text, bytes) else text
    if fmt == TSV:  # TSV writes terms: <iri> and "literal"@lang with N-Triples escapes
        unescape = lambda t: t[1:t.rindex('"')].replace('\\"', '"').replace("\\\\", "\\")
        rows = [(a[1:-1], unescape(h)) for a, h in (line.split("\t") for line in text.splitlines()[1:])]
    else:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))[1:]
    assert [tuple(r) for r in rows] == want, f"{fmt} results differ from JSON"
CONSTRUCT = "CONSTRUCT { ?a schema:headline ?h } WHERE { ?a a isnad:Article ; schema:headline ?h }"
client.setQuery(CONSTRUCT)
for fmt in (TURTLE, N3, JSONLD):
    client.setReturnFormat(fmt)
    graph = client.queryAndConvert()
    if not hasattr(graph, "triples"):
        import rdflib
        data = graph.decode("utf-8") if isinstance(graph, bytes) else graph
        graph = rdflib.Graph().parse(data=data, format={TURTLE: "turtle", N3: "n3", JSONLD: "json-ld"}[fmt])
    got = sorted((str(s), str(o)) for s, _, o in graph)
    assert got == sorted(want), f"CONSTRUCT as {fmt}: {len(got)} triples, {len(want)} expected"
print(f"SPARQLWrapper ad-hoc: SELECT as JSON/XML/CSV/TSV and CONSTRUCT as Turtle/N3/JSON-LD agree ({len(want)} articles)")
