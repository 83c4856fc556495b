"""isnad benchmark: end-to-end ingest against the store's own bulk loader, extraction against
a bare Aho-Corasick scan, and saved queries against rdflib, on SaudiNewsNet. Prints a table."""
import argparse
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

PREFIXES = {
    "isnad": "https://w3id.org/isnad/ontology#", "id": "https://w3id.org/isnad/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "prov": "http://www.w3.org/ns/prov#", "schema": "http://schema.org/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "time": "http://www.w3.org/2006/time#", "geo": "http://www.opengis.net/ont/geosparql#",
    "wd": "http://www.wikidata.org/entity/", "dcterms": "http://purl.org/dc/terms/",
}


def log(msg):
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


class Timeout(Exception):
    pass


def run(cmd, **kw):
    log(" ".join(os.path.basename(c) if i == 0 else c for i, c in enumerate(cmd)))
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    elapsed = time.perf_counter() - t
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    return p, elapsed


def timed_rss(cmd):
    p, elapsed = run(["/usr/bin/time", "-v"] + cmd)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    return p, elapsed, rss * 1024


def summary(p):
    m = re.search(r"(\d+) ingested, (\d+) unchanged, (\d+) replaced, (\d+) rejected; (\d+) quads", p.stdout)
    return tuple(map(int, m.groups()))


def du(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--smoke", action="store_true", help="one day file (CI)")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--keep", help="keep the work directory here")
    ap.add_argument("--rdflib-timeout", type=int, default=60, help="seconds per rdflib query")
    ap.add_argument("--virtuoso", action="store_true", help="also the remote store: ingest into Virtuoso, its bulk loader, shards, queries")
    a = ap.parse_args()
    isnad, bench = os.path.join(a.bin, "isnad"), os.path.join(a.bin, "isnad-bench")
    work = a.keep or tempfile.mkdtemp(prefix="isnad-bench-")
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(work, "corpus")
    shutil.rmtree(corpus, ignore_errors=True)
    os.makedirs(corpus)
    zips = sorted(glob.glob(os.path.join(a.corpus, "*.zip")))[: 1 if a.smoke else None]
    for z in zips:
        zipfile.ZipFile(z).extractall(corpus)
    records = sum(len(json.load(open(f, encoding="utf-8"))) for f in glob.glob(os.path.join(corpus, "*.json")))
    mb = sum(os.path.getsize(f) for f in glob.glob(os.path.join(corpus, "*.json"))) / 1e6
    store, store2 = os.path.join(work, "store"), os.path.join(work, "bulk")
    for s in (store, store2):
        shutil.rmtree(s, ignore_errors=True)
    rows, targets = [], []

    def row(name, value, note=""):
        rows.append((name, value, note))

    p, ingest_s, rss = timed_rss([isnad, "--store", store, "ingest", corpus])
    ingested, _, _, rejected, quads = summary(p)
    row("articles (records / ingested / rejected)", f"{records} / {ingested} / {rejected}")
    row("end-to-end ingest", f"{ingest_s:.1f} s", f"{ingested / ingest_s:.0f} articles/s, {mb / ingest_s:.2f} MB/s, {quads / ingest_s:.0f} quads/s")
    row("peak RSS", f"{rss / 1e6:.0f} MB")
    row("store size on disk", f"{du(store) / 1e6:.0f} MB", f"{quads} quads written")
    row("release binary", f"{os.path.getsize(isnad) / 1e6:.1f} MB", "target ≤ 60 MB (no debug information, stripped)")

    ext = json.loads(run([bench, "extract", corpus])[0].stdout)
    scan = json.loads(run([bench, "scan", corpus])[0].stdout)
    row("extraction alone (1 thread)", f"{ext['bytes'] / 1e6 / ext['seconds']:.2f} MB/s", f"{ext['seconds']:.1f} s")
    row("bare Aho-Corasick scan (1 thread)", f"{scan['bytes'] / 1e6 / scan['seconds']:.1f} MB/s", f"{scan['seconds']:.2f} s")
    ratio_b = ext["seconds"] / scan["seconds"]
    row("(b) extraction / scan", f"{ratio_b:.1f}x")

    nq = os.path.join(work, "dump.nq")
    _, nq_s = run([isnad, "--store", store, "export", "--format", "nquads", "-o", nq])
    bulk = json.loads(run([bench, "bulkload", nq, store2])[0].stdout)
    ratio_a = ingest_s / bulk["seconds"]
    row("oxigraph bulk load of the same quads", f"{bulk['seconds']:.1f} s", f"{bulk['quads']} quads")
    row("(a) ingest / bulk load", f"{ratio_a:.2f}x")

    lat = json.loads(run([bench, "queries", store, "queries", str(a.runs)])[0].stdout)
    _, ttl_s = run([isnad, "--store", store, "export", "--format", "turtle", "-o", os.path.join(work, "dump.ttl")])
    _, gml_s = run([isnad, "--store", store, "export", "--format", "graphml", "-o", os.path.join(work, "dump.graphml")])
    row("export N-Quads / Turtle / GraphML", f"{nq_s:.1f} / {ttl_s:.1f} / {gml_s:.1f} s")

    p, again_s = run([isnad, "--store", store, "ingest", corpus])
    row("re-ingest unchanged corpus", f"{again_s:.2f} s", "{} unchanged".format(summary(p)[1]))
    one = os.path.join(work, "one.txt")
    with open(one, "w", encoding="utf-8") as f:
        f.write(f"خبر جديد {time.time()}\nقالت وزارة الدفاع التركية، الأحد، إن القوات السورية انسحبت من قرية تل عدس.\n")
    _, one_s = run([isnad, "--store", store, "ingest", one])
    row("add one article to the full store", f"{one_s * 1000:.0f} ms", "process start, store open, events rebuild")

    # (c) rdflib: load the same N-Quads, run the same saved queries.
    import rdflib
    log("rdflib load")
    t = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(nq, format="nquads")
    rdflib_load = time.perf_counter() - t
    row("rdflib load of the same N-Quads", f"{rdflib_load:.1f} s", f"(c) isnad ingest / rdflib load = {ingest_s / rdflib_load:.2f}x")
    header = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    first_event = next(iter(ds.query(header + "SELECT ?e WHERE { GRAPH <https://w3id.org/isnad/events> { ?e isnad:mentionedIn ?m } } LIMIT 1")), [None])[0]
    import signal

    def alarm(*_):
        raise Timeout()

    signal.signal(signal.SIGALRM, alarm)
    limit = a.rdflib_timeout
    for name in sorted(lat):
        text = open(os.path.join("queries", f"{name}.rq"), encoding="utf-8").read()
        log(f"rdflib query {name}")
        signal.alarm(limit)
        t = time.perf_counter()
        try:
            list(ds.query(header + text, initBindings={"_event": first_event} if "?_event" in text else {}))
            r, note = (time.perf_counter() - t) * 1000, ""
        except Timeout:
            r, note = limit * 1000.0, ">"
        finally:
            signal.alarm(0)
        p50, p95, n = lat[name]
        row(f"query {name}", f"p50 {p50:.1f} ms, p95 {p95:.1f} ms", f"{n} rows; rdflib {note}{r:.0f} ms; (c) isnad/rdflib = {'<' if note else ''}{p50 / r:.4f}x")

    stats = json.loads(run([isnad, "--store", store, "stats", "--json"])[0].stdout)
    counts = {c: n for c, n in stats["classes"] if c.split(":")[1] in ("Agreement", "Ceasefire", "Deployment", "Withdrawal", "Clash", "Talks", "EventReading", "Mention")}
    row("events by class", ", ".join(f"{c.split(':')[1]} {n}" for c, n in counts.items()))

    if a.virtuoso:
        virtuoso_rows(a, isnad, work, corpus, nq, lat, ingest_s, row)

    worst_p50 = max(v[0] for v in lat.values())
    full = not a.smoke
    checks = [
        ("whole-corpus ingest <= 30 s", ingest_s <= 30 if full else None, f"{ingest_s:.1f} s"),
        ("ingest <= 1.5x bulk load (a)", ratio_a <= 1.5, f"{ratio_a:.2f}x"),
        ("extraction <= 10x scan (b)", ratio_b <= 10, f"{ratio_b:.1f}x"),
        ("peak RSS <= 1.5 GB", rss <= 1.5e9, f"{rss / 1e9:.2f} GB"),
        ("every saved query p50 <= 250 ms", worst_p50 <= 250, f"worst {worst_p50:.1f} ms"),
        ("re-ingest unchanged <= 5 s", again_s <= 5, f"{again_s:.2f} s"),
        ("add one article <= 100 ms", one_s <= 0.1, f"{one_s * 1000:.0f} ms"),
    ]
    print(f"\n## isnad benchmark ({'smoke: one day file' if a.smoke else 'full SaudiNewsNet'}, {mb:.0f} MB of JSON, {os.cpu_count()} cores)\n")
    print("| measure | value | notes |\n|---|---|---|")
    for name, value, note in rows:
        print(f"| {name} | {value} | {note} |")
    print("\n| target | holds | measured |\n|---|---|---|")
    for name, ok, value in checks:
        print(f"| {name} | {'n/a (smoke)' if ok is None else ('yes' if ok else 'NO')} | {value} |")
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)


class Virtuoso:
    """A throwaway Virtuoso (tests/virtuoso/start) for the remote-store rows."""

    def __init__(self, work, name):
        self.dir = os.path.join(work, name)
        p, _ = run(["tests/virtuoso/start", self.dir], env=dict(os.environ, ISNAD_VIRTUOSO_BUFFERS="170000"))
        self.base = re.search(r"ISNAD_TEST_VIRTUOSO=(\S+)", p.stdout).group(1)
        self.sql = open(os.path.join(self.dir, "sql.port")).read().strip()
        self.load = os.path.join(self.dir, "load")
        self.env = dict(os.environ, ISNAD_STORE=f"{self.base}/sparql-auth", ISNAD_REMOTE_USER="dba", ISNAD_REMOTE_PASSWORD="dba")

    def isnad(self, isnad, *args):
        return run([isnad, *args], env=self.env)

    def bulk_load(self):
        script = f"ld_dir('{self.load}', '*.nq*', 'https://w3id.org/isnad/unnamed'); rdf_loader_run(); checkpoint;"
        return run(["isql-vt", f"127.0.0.1:{self.sql}", "dba", "dba", f"exec={script}"])[1]

    def stop(self):
        subprocess.run(["tests/virtuoso/stop", self.dir])


def virtuoso_rows(a, isnad, work, corpus, nq, lat, ingest_s, row):
    """Rows of the remote store: isnad's ingest into Virtuoso against Virtuoso's own bulk
    load of the same N-Quads (the ratio), the sharded path (N = 2, shards extracted at once as
    on two machines), and saved-query p50 on Virtuoso beside the embedded store."""
    import urllib.error
    import urllib.parse
    import urllib.request

    v = Virtuoso(work, "virtuoso-ingest")
    p, remote_s = v.isnad(isnad, "ingest", corpus)
    n = summary(p)[0]
    row("Virtuoso: isnad ingest (Graph Store, one request per article)", f"{remote_s:.1f} s", f"{n / remote_s:.0f} articles/s; embedded ingest {ingest_s:.1f} s")
    header = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    first = json.loads(urllib.request.urlopen(urllib.request.Request(
        f"{v.base}/sparql", data=urllib.parse.urlencode({"query": header + "SELECT ?e WHERE { GRAPH <https://w3id.org/isnad/events> { ?e isnad:mentionedIn ?m } } LIMIT 1"}).encode(),
        headers={"Accept": "application/sparql-results+json"})).read())["results"]["bindings"]
    event = first[0]["e"]["value"] if first else "https://w3id.org/isnad/id/none"
    for name in sorted(lat):
        text = open(os.path.join("queries", f"{name}.rq"), encoding="utf-8").read()
        if "?_event" in text:
            text = re.sub(r"\bWHERE\s*\{", lambda m: m.group(0) + f" VALUES ?_event {{ <{event}> }} ", text, count=1)
        times = []
        try:
            for _ in range(max(3, a.runs // 4)):
                t = time.perf_counter()
                body = urllib.request.urlopen(urllib.request.Request(
                    f"{v.base}/sparql", data=urllib.parse.urlencode({"query": header + text}).encode(),
                    headers={"Accept": "application/sparql-results+json"}), timeout=600).read()
                times.append((time.perf_counter() - t) * 1000)
        except urllib.error.HTTPError as e:
            reason = e.read().decode("utf-8", "replace").strip().splitlines()[0][:160]
            row(f"Virtuoso query {name}", "FAILED", f"HTTP {e.code}: {reason}")
            continue
        rows_n = len(json.loads(body)["results"]["bindings"])
        p50 = statistics.median(times)
        row(f"Virtuoso query {name}", f"p50 {p50:.1f} ms", f"{rows_n} rows; embedded p50 {lat[name][0]:.1f} ms ({p50 / max(lat[name][0], 0.001):.1f}x)")
    v.stop()

    v = Virtuoso(work, "virtuoso-bulk")
    shutil.copy(nq, os.path.join(v.load, "dump.nq"))
    bulk_s = v.bulk_load()
    row("Virtuoso: its own bulk load of the same N-Quads (ld_dir)", f"{bulk_s:.1f} s", f"isnad ingest / Virtuoso bulk load = {remote_s / bulk_s:.2f}x")
    v.stop()

    v = Virtuoso(work, "virtuoso-shards")
    t = time.perf_counter()
    procs = [subprocess.Popen([isnad, "extract", corpus, "--shard", f"{k}/2", "-o", v.load], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for k in (1, 2)]
    for pr in procs:
        if pr.wait() not in (0, 1):
            sys.exit(f"isnad extract failed: {pr.stderr.read().decode()[-2000:]}")
    extract_s = time.perf_counter() - t
    load_s = v.bulk_load()
    _, resolve_s = v.isnad(isnad, "resolve")
    total = extract_s + load_s + resolve_s
    row("Virtuoso: sharded path, N = 2 (extract at once, bulk load, resolve)", f"{total:.1f} s", f"extract {extract_s:.1f} s + load {load_s:.1f} s + resolve {resolve_s:.1f} s; {total / remote_s:.2f}x isnad ingest into Virtuoso")
    v.stop()


if __name__ == "__main__":
    main()
