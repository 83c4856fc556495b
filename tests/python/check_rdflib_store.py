"""Another real client against `isnad serve`: rdflib's SPARQLStore runs every saved query
(parameterless ones as they are), an ASK and a CONSTRUCT, over the SPARQL 1.1 Protocol. Rows
must equal those of `isnad query NAME --format json` on the store (from
check_sparqlwrapper.py's `direct` mode).

usage: check_rdflib_store.py URL DIRECT_FOLDER"""
import json
import os
import sys

from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore

url, folder = sys.argv[1], sys.argv[2]
# rdflib prepends its own default prefixes to every query (its schema: is
# https://schema.org/); the saved queries declare theirs, which come later and win, so a
# client with rdflib's defaults gets the right rows.
graph = Graph(store=SPARQLStore(url, returnFormat="json"))
checked = 0
for name in sorted(f[:-5] for f in os.listdir(folder) if f.endswith(".json")):
    text = open(f"queries/{name}.rq", encoding="utf-8").read()
    if "?_" in text:
        continue
    result = graph.query(text)
    got = sorted([("" if row[i] is None else str(row[i])) for i in range(len(result.vars))] for row in result)
    want = json.load(open(f"{folder}/{name}.json", encoding="utf-8"))
    names = [str(v) for v in result.vars]
    assert names == want["head"]["vars"], f"{name}: {names} != {want['head']['vars']}"
    want_rows = sorted([b.get(v, {}).get("value", "") for v in names] for b in want["results"]["bindings"])
    assert got == want_rows, f"{name}: {len(got)} rows through rdflib, {len(want_rows)} in the store"
    print(f"rdflib SPARQLStore {name}: {len(got)} rows, same as the store")
    checked += 1
assert checked >= 5, f"only {checked} saved queries checked"

ask = graph.query("ASK { ?a a <https://w3id.org/isnad/ontology#Article> }")
assert ask.askAnswer is True, "ASK over rdflib did not see the articles"
constructed = graph.query(
    "CONSTRUCT { ?a <http://schema.org/headline> ?h } WHERE { ?a <http://schema.org/headline> ?h }")
headlines = list(constructed)
arts = json.load(open(f"{folder}/articles.json", encoding="utf-8"))["results"]["bindings"]
assert len(headlines) == len(arts), f"CONSTRUCT gave {len(headlines)} headlines for {len(arts)} articles"
print(f"rdflib SPARQLStore: ASK true, CONSTRUCT {len(headlines)} headlines")
