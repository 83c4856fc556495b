#!/usr/bin/env python3
"""Samples N random events of a store for judging by hand: class, date, actors by role, and
the sentence of one mention (the whole sentence around the mention, from the article body).

usage: sample_events.py --bin ISNAD --store DIR [--n 40] [--seed 7] > sample.md
"""
import argparse, json, random, re, subprocess

Q = """PREFIX isnad: <https://w3id.org/isnad/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX schema: <http://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e ?class ?date ?m ?b ?end ?body ?url WHERE {
  GRAPH <https://w3id.org/isnad/events> { ?e a ?class ; isnad:mentionedIn ?m . OPTIONAL { ?e isnad:date ?date } }
  FILTER(?class IN (isnad:Agreement, isnad:Ceasefire, isnad:Deployment, isnad:Withdrawal, isnad:Clash, isnad:Talks))
  ?m nif:beginIndex ?b ; nif:endIndex ?end ; isnad:inArticle ?a .
  ?a schema:articleBody ?body . OPTIONAL { ?a schema:url ?url }
}"""
ROLES = """PREFIX isnad: <https://w3id.org/isnad/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?role ?label WHERE { GRAPH <https://w3id.org/isnad/events> {
  VALUES ?role { isnad:agent isnad:party isnad:mediator isnad:signatory isnad:target }
  ?e ?role ?x . OPTIONAL { ?x rdfs:label ?label FILTER(lang(?label) = "ar") } } }"""


def run(binary, store, query, bind=None):
    cmd = [binary, "--store", store, "query", "--format", "json", "-e", query]
    if bind:
        cmd += ["--bind", bind]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out)["results"]["bindings"]


def sentence(body, b, e):
    s = b
    while s > 0 and body[s - 1] not in ".؟?!\n":
        s -= 1
    t = e
    while t < len(body) and body[t] not in ".؟?!\n":
        t += 1
    return body[s:t + 1].strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--store", required=True)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rows = run(a.bin, a.store, Q)
    first = {}
    for r in rows:
        first.setdefault(r["e"]["value"], r)
    events = sorted(first)
    random.Random(a.seed).shuffle(events)
    print(f"{len(events)} events in the store; {min(a.n, len(events))} sampled with seed {a.seed}\n")
    for i, e in enumerate(events[: a.n], 1):
        r = first[e]
        body = r["body"]["value"]
        sent = sentence(body, int(r["b"]["value"]), int(r["end"]["value"]))
        roles = run(a.bin, a.store, ROLES.replace("?e ?role", f"<{e}> ?role"))
        actors = ", ".join(f'{x["role"]["value"].split("#")[1]}={x.get("label", {}).get("value", "?")}' for x in roles)
        cls = r["class"]["value"].split("#")[1]
        date = r.get("date", {}).get("value", "-")
        print(f"{i}. **{cls}** date={date} actors: {actors or '-'}\n   url: {r.get('url', {}).get('value', '-')}\n   sentence: {sent}\n")


if __name__ == "__main__":
    main()
