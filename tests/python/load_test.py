"""Load-and-attack test of `isnad serve` on loopback, bounded in count and time.

    python3 tests/python/load_test.py BIN STORE [--requests 1000] [--clients 100]

Starts `BIN --store STORE serve` on a free loopback port with a short --timeout and a small
--max-body (serve a copy of the store: the server holds it), then runs these phases while one
task polls GET /health every 100 ms and another samples the server's VmRSS and thread count
from /proc every 100 ms:

1. load: REQUESTS requests from CLIENTS concurrent httpx clients, mixing saved queries (names
   from GET /queries, default parameters), ad-hoc SELECT/ASK/CONSTRUCT/DESCRIBE queries (GET,
   POST form, POST application/sparql-query) and bad requests (invalid SPARQL, unknown saved
   query or path, wrong method, update on a read-only endpoint, missing or badly
   percent-encoded query, a SERVICE call, a body that is not UTF-8) that must get a 4xx.
   At the same time: slow clients sending their headers byte by byte, malformed requests on
   raw sockets (garbage request lines, bad headers, a 1 MiB header, a bad chunked body), bodies
   over the cap (413), queries nested 1,000 deep (400), one query that runs past the timeout
   (503), and STALLED connections that send half a request line and never finish.
2. burst: BURST queries past the timeout at once; each must get 503 within
   timeout + --timeout-slack seconds (the limit has to stop the query, not just label it).
3. large: a few queries whose results reach --max-rows at once (200 or 503), for memory.
4. shutdown: after the idle threads of the server had time to go, its thread count must be
   back near where it started; then SIGTERM, and the server must exit 0 within --exit-within
   seconds (no request is in flight by then) though the stalled connections are still open.

Prints one Markdown table (per request class: count, expected and unexpected statuses,
p50/p99/max latency; /health polls; RSS; threads; shutdown; wall time), then every unexpected
outcome with the exact request. Exits 1 on any unexpected status (so any 5xx other than the
deliberate timeouts' 503), a late 503, a /health poll not answered 200 within --health-bound
seconds, peak RSS over --max-rss-mib, threads not returning, or an unclean exit; the whole
run is abandoned after --deadline seconds.
"""
import argparse
import asyncio
import collections
import os
import random
import signal
import socket
import subprocess
import sys
import time

import httpx

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 4,406^3 rows here
LARGE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # ~19M rows, cut at --max-rows
NESTED = "SELECT * WHERE " + "{" * 1000 + " ?s ?p ?o " + "}" * 1000
PREFIX_OPS = "ASK { FILTER(" + "!" * 1000 + "true) }"
FIRST_EVENT = "SELECT ?e WHERE { ?e isnad:mentionedIn ?m } ORDER BY ?e LIMIT 1"
SPARQL_QUERY = {"Content-Type": "application/sparql-query"}

# Ad-hoc queries that must succeed: (label, method, how, query, Accept).
ADHOC = [
    ("select-limit", "GET", "param", "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20", None),
    ("select-count", "POST", "form", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", None),
    ("select-group", "POST", "body", "SELECT ?t (COUNT(?s) AS ?n) WHERE { ?s a ?t } GROUP BY ?t ORDER BY DESC(?n)", "text/csv"),
    ("select-filter", "GET", "param", "SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(STRLEN(STR(?l)) > 3) } LIMIT 50", "application/sparql-results+xml"),
    ("select-tsv", "GET", "param", "SELECT ?e ?m WHERE { ?e isnad:mentionedIn ?m } LIMIT 30", "text/tab-separated-values"),
    ("ask", "GET", "param", "ASK { ?s ?p ?o }", None),
    ("construct", "POST", "body", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 50", "application/n-triples"),
    ("construct-ttl", "GET", "param", "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 50", "text/turtle"),
    ("describe", "GET", "param", "DESCRIBE ?s WHERE { ?s a ?t } LIMIT 2", None),
]
# Bad requests that must get a 4xx: (label, method, path, params, content, headers, expected).
BAD = [
    ("invalid-sparql", "GET", "/sparql", {"query": "SELEKT * WHERE { ?s ?p ?o"}, None, {}, {400}),
    ("invalid-sparql-post", "POST", "/sparql", None, b"SELECT * WHERE { ?s ?p }}", SPARQL_QUERY, {400}),
    ("missing-query", "GET", "/sparql", None, None, {}, {400}),
    ("bad-percent", "GET", "/sparql?query=%ZZSELECT%E0%A4%20*%20%7B%7D%", None, None, {}, {400}),
    ("unknown-saved", "GET", "/queries/no-such-query", None, None, {}, {404}),
    ("saved-traversal", "GET", "/queries/..%2F..%2Fetc%2Fpasswd", None, None, {}, {404}),
    ("unknown-path", "GET", "/no/such/path", None, None, {}, {404}),
    ("put-sparql", "PUT", "/sparql", None, b"ASK {}", SPARQL_QUERY, {404, 405}),
    ("delete-health", "DELETE", "/health", None, None, {}, {404, 405}),
    ("patch-queries", "PATCH", "/queries", None, b"{}", {}, {404, 405}),
    ("update-get", "GET", "/sparql", {"update": "CLEAR ALL"}, None, {}, {403}),
    ("update-post", "POST", "/sparql", None, b"DROP ALL", {"Content-Type": "application/sparql-update"}, {403}),
    ("service-call", "GET", "/sparql", {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}, None, {}, {400, 403}),
    ("body-not-utf8", "POST", "/sparql", None, b"ASK {} \xff\xfe", SPARQL_QUERY, {400}),
]
# Malformed requests on a raw socket: (label, bytes, expected); "closed" means the server
# hung up without an answer, which is fine when it cannot even parse the request line.
HEADERS = b"Host: x\r\nConnection: close\r\n"
RAW = [
    ("garbage-line", b"\x00\x01\x02 garbage\r\n\r\n", {400, "closed"}),
    ("no-version", b"GET /health\r\n\r\n", {400}),
    ("bad-version", b"GET /health HTTP/9.9\r\n" + HEADERS + b"\r\n", {400}),
    ("non-ascii-line", b"GET /h\xc3\xa9alth HTTP/1.1\r\n" + HEADERS + b"\r\n", {400, "closed"}),
    ("header-no-colon", b"GET /health HTTP/1.1\r\nNoColonHere\r\n\r\n", {400}),
    ("negative-length", b"POST /sparql HTTP/1.1\r\n" + HEADERS + b"Content-Length: -1\r\n\r\n", {400}),
    ("bogus-expect", b"POST /sparql HTTP/1.1\r\n" + HEADERS + b"Expect: later\r\nContent-Length: 0\r\n\r\n", {417}),
    ("bad-chunked", b"POST /sparql HTTP/1.1\r\n" + HEADERS + b"Content-Type: application/sparql-query\r\n"
     b"Transfer-Encoding: chunked\r\n\r\nZZZ\r\nASK {}\r\n0\r\n\r\n", {400}),
    ("huge-header-1MiB", b"GET /health HTTP/1.1\r\n" + HEADERS + b"X-Big: " + b"a" * (1 << 20) + b"\r\n\r\n",
     {400, 413, 431, "closed"}),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_status(pid):
    """VmRSS, VmHWM (KiB) and Threads of a process, from /proc."""
    out = {}
    with open(f"/proc/{pid}/status", encoding="utf-8", errors="replace") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "Threads"):
                out[key] = int(value.split()[0])
    return out


def pct(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


class Run:
    def __init__(self, args, port, pid):
        self.args, self.base, self.pid = args, f"http://127.0.0.1:{port}", pid
        self.port = port
        self.results = []  # (class, label, outcome, seconds, ok, request, detail)
        self.health = []  # (ok, seconds, outcome)
        self.samples = []  # proc_status dicts
        self.running = True
        self.phase = "start"

    def record(self, cls, label, outcome, seconds, expected, request, detail="", max_seconds=None):
        ok = outcome in expected and (max_seconds is None or seconds <= max_seconds)
        if outcome in expected and not ok:
            outcome = f"{outcome} late (> {max_seconds:g} s)"
        self.results.append((cls, label, outcome, seconds, ok, request, detail))

    async def http(self, client, cls, label, method, path, expected, params=None, content=None,
                   headers=None, max_seconds=None):
        start = time.monotonic()
        request = f"{method} {path}" + (f" params={params!r}" if params else "") + (
            f" headers={headers!r} body={content[:120]!r}" + (f" ({len(content)} bytes)" if len(content) > 120 else "")
            if content is not None else "")
        try:  # streamed, so that large results are counted and dropped, not kept
            async with client.stream(method, self.base + path, params=params, content=content, headers=headers) as r:
                head = b""
                async for chunk in r.aiter_raw():
                    head = head or chunk[:200]
            outcome, detail = r.status_code, head.decode("utf-8", "replace") if r.status_code >= 400 else ""
        except httpx.HTTPError as e:
            outcome, detail = type(e).__name__, str(e)[:200]
        self.record(cls, label, outcome, time.monotonic() - start, expected, request, detail, max_seconds)

    async def raw(self, cls, label, data, expected, delay=0.0):
        """Sends DATA on a new connection (byte by byte, DELAY apart, when DELAY > 0) and
        reads the status line of the answer, or "closed"/"timeout"."""
        start = time.monotonic()
        outcome, detail = "timeout", ""
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
            try:
                if delay:
                    for i in range(len(data)):
                        writer.write(data[i:i + 1])
                        await writer.drain()
                        await asyncio.sleep(delay)
                else:
                    writer.write(data)
                    await writer.drain()
                line = await asyncio.wait_for(reader.readline(), self.args.request_timeout)
                outcome = int(line.split()[1]) if line.startswith(b"HTTP/") else "closed"
                if outcome != "closed" and outcome >= 400:
                    detail = (await asyncio.wait_for(reader.read(4096), 2)).split(b"\r\n\r\n", 1)[-1][:200].decode("utf-8", "replace")
            finally:
                writer.close()
        except (ConnectionError, asyncio.IncompleteReadError):
            outcome = "closed"
        except asyncio.TimeoutError:
            outcome = "timeout"
        shown = data if len(data) <= 160 else data[:120] + b"...(%d bytes)" % len(data)
        self.record(cls, label, outcome, time.monotonic() - start, expected, repr(shown), detail)

    async def poll_health(self):
        """A new connection for each poll, as a monitor would make."""
        limits = httpx.Limits(max_keepalive_connections=0)
        async with httpx.AsyncClient(timeout=self.args.health_bound, limits=limits) as client:
            while self.running:
                start = time.monotonic()
                try:
                    r = await client.get(self.base + "/health")
                    outcome = r.status_code
                except httpx.HTTPError as e:
                    outcome = type(e).__name__
                took = time.monotonic() - start
                self.health.append((outcome == 200 and took <= self.args.health_bound, took, outcome))
                # While idle, one poll a second: each poll wakes an idle pool thread of the
                # server and restarts its 5 s idle timer, so ten a second would keep them all.
                period = 1.0 if self.phase == "idle" else 0.1
                await asyncio.sleep(max(0.0, period - took))

    async def sample(self):
        while self.running:
            try:
                self.samples.append({**proc_status(self.pid), "phase": self.phase})
            except OSError:
                return
            await asyncio.sleep(0.1)

    def heavy(self, client, cls, label):
        return self.http(client, cls, label, "GET", "/sparql", {503}, params={"query": HEAVY},
                         max_seconds=self.args.timeout + self.args.timeout_slack)

    async def load(self, client, saved, event):
        rng = random.Random(7)
        jobs = []
        for _ in range(self.args.requests):
            kind = rng.random()
            if kind < 0.4:
                name = rng.choice(saved)
                accept = rng.choice([None, "text/csv", "application/sparql-results+xml"])
                params = {"_event": event} if name == "evidence" and event and rng.random() < 0.5 else None
                jobs.append(("saved", name, "GET", f"/queries/{name}", {200}, params, None,
                             {"Accept": accept} if accept else None))
            elif kind < 0.75:
                label, method, how, query, accept = rng.choice(ADHOC)
                headers = {"Accept": accept} if accept else {}
                if how == "param":
                    jobs.append(("adhoc", label, method, "/sparql", {200}, {"query": query}, None, headers))
                elif how == "form":
                    headers["Content-Type"] = "application/x-www-form-urlencoded"
                    body = str(httpx.QueryParams({"query": query})).encode()
                    jobs.append(("adhoc", label, method, "/sparql", {200}, None, body, headers))
                else:
                    jobs.append(("adhoc", label, method, "/sparql", {200}, None, query.encode(), {**headers, **SPARQL_QUERY}))
            else:
                label, method, path, params, content, headers, expected = rng.choice(BAD)
                jobs.append(("bad", label, method, path, expected, params, content, headers))
        queue = asyncio.Queue()
        for job in jobs:
            queue.put_nowait(job)

        async def worker():
            while not queue.empty():
                cls, label, method, path, expected, params, content, headers = queue.get_nowait()
                await self.http(client, cls, label, method, path, expected, params, content, headers)

        cap = self.args.max_body
        attacks = [
            self.http(client, "over-cap", "body-4x-cap", "POST", "/sparql", {413},
                      content=b"ASK {} #" + b"x" * (4 * cap), headers=SPARQL_QUERY),
            self.http(client, "over-cap", "form-cap+1", "POST", "/sparql", {413},
                      content=b"query=" + b"A" * (cap - 5), headers={"Content-Type": "application/x-www-form-urlencoded"}),
            self.raw("over-cap", "chunked-2x-cap", b"POST /sparql HTTP/1.1\r\n" + HEADERS
                     + b"Content-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n\r\n"
                     + b"".join(b"%x\r\n%s\r\n" % (1024, b"#" * 1024) for _ in range(2 * cap // 1024)) + b"0\r\n\r\n", {413}),
            self.http(client, "nested", "braces-1000", "GET", "/sparql", {400}, params={"query": NESTED}),
            self.http(client, "nested", "braces-1000-post", "POST", "/sparql", {400}, content=NESTED.encode(), headers=SPARQL_QUERY),
            self.http(client, "nested", "not-1000", "GET", "/sparql", {400}, params={"query": PREFIX_OPS}),
            self.heavy(client, "timeout", "cross-product-x3"),
        ]
        attacks += [self.raw("malformed", label, data, expected) for label, data, expected in RAW]
        slow = [b"GET /health HTTP/1.1\r\n" + HEADERS + b"\r\n",
                b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\n" + HEADERS + b"Accept: text/csv\r\n\r\n",
                b"POST /sparql HTTP/1.1\r\n" + HEADERS + b"Content-Type: application/sparql-query\r\nContent-Length: 6\r\n\r\nASK {}"]
        attacks += [self.raw("slow-client", ("health", "get-query", "post-body")[i % 3], slow[i % 3], {200}, delay=0.01)
                    for i in range(self.args.slow_clients)]
        await asyncio.gather(*[worker() for _ in range(self.args.clients)], *attacks)


async def main(args, server, port, baseline):
    run = Run(args, port, server.pid)
    run.samples.append({**baseline, "phase": "start"})
    phases = {}
    limits = httpx.Limits(max_connections=args.clients + 50, max_keepalive_connections=args.clients)
    background = [asyncio.create_task(run.sample()), asyncio.create_task(run.poll_health())]
    try:
        async with httpx.AsyncClient(timeout=args.request_timeout, limits=limits) as client:
            saved = [q["name"] for q in (await client.get(run.base + "/queries")).json()]
            r = await client.get(run.base + "/sparql", params={"query": FIRST_EVENT})
            bindings = r.json()["results"]["bindings"]
            event = f"<{bindings[0]['e']['value']}>" if bindings else None
            for name, phase in [
                ("load", lambda: run.load(client, saved, event)),
                ("burst", lambda: asyncio.gather(*[run.heavy(client, "timeout-burst", "cross-product-x3")
                                                   for _ in range(args.burst)])),
                ("large", lambda: asyncio.gather(*[run.http(client, "large-result", "select-max-rows", "GET", "/sparql",
                                                            {200, 503}, params={"query": LARGE}) for _ in range(args.large)])),
            ]:
                start, run.phase = time.monotonic(), name
                await phase()
                phases[name] = time.monotonic() - start
        # Idle pool threads of the server leave after 5 s; request threads must be gone.
        run.phase = "idle"
        start, bound = time.monotonic(), baseline["Threads"] + args.stalled + args.max_thread_growth
        while time.monotonic() - start < 12 and proc_status(server.pid)["Threads"] > bound:
            await asyncio.sleep(0.25)
        run.samples.append({**proc_status(server.pid), "phase": "idle"})
    finally:
        run.running = False
        await asyncio.gather(*background)
    return run, phases


def report(args, run, phases, exit_info, wall):
    failures = []
    lines = ["| check | count | expected | unexpected | p50 ms | p99 ms | max ms | detail |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    classes = collections.OrderedDict()
    for cls, *rest in run.results:
        classes.setdefault(cls, []).append(rest)
    for cls, rows in classes.items():
        ms = [r[2] * 1000 for r in rows]
        good = collections.Counter(r[1] for r in rows if r[3])
        bad = collections.Counter(r[1] for r in rows if not r[3])
        detail = ", ".join(f"{k}: {v}" for k, v in sorted(good.items(), key=str))
        if bad:
            detail += "; UNEXPECTED " + ", ".join(f"{k}: {v}" for k, v in sorted(bad.items(), key=str))
            failures.append(f"{cls}: {sum(bad.values())} unexpected outcomes")
        lines.append(f"| {cls} | {len(rows)} | {sum(good.values())} | {sum(bad.values())} | {pct(ms, 50):.1f} "
                     f"| {pct(ms, 99):.1f} | {max(ms):.1f} | {detail} |")
    h_ms = [t * 1000 for _, t, _ in run.health]
    h_bad = [o for ok, _, o in run.health if not ok]
    if h_bad or not run.health:
        failures.append(f"/health: {len(h_bad)} of {len(run.health)} polls failed")
    lines.append(f"| /health polls | {len(run.health)} | {len(run.health) - len(h_bad)} | {len(h_bad)} | "
                 f"{pct(h_ms, 50):.1f} | {pct(h_ms, 99):.1f} | {max(h_ms, default=0):.1f} | "
                 f"every 100 ms, bound {args.health_bound:g} s{'; failed: ' + repr(collections.Counter(map(str, h_bad))) if h_bad else ''} |")
    rss = [s["VmRSS"] / 1024 for s in run.samples]
    hwm = max(s.get("VmHWM", 0) for s in run.samples) / 1024
    peak = max(max(rss), hwm)
    if peak > args.max_rss_mib:
        failures.append(f"peak RSS {peak:.0f} MiB over {args.max_rss_mib} MiB")
    by_phase = collections.OrderedDict()
    for s in run.samples:
        by_phase[s["phase"]] = max(by_phase.get(s["phase"], 0), s["VmRSS"] / 1024)
    lines.append(f"| RSS (MiB) | {len(rss)} samples | | | | | {peak:.1f} | start {rss[0]:.1f}, peak {peak:.1f} "
                 f"(VmHWM {hwm:.1f}), end {rss[-1]:.1f}; peak by phase: "
                 + ", ".join(f"{k} {v:.1f}" for k, v in by_phase.items()) + f"; bound {args.max_rss_mib:g} |")
    threads = [s["Threads"] for s in run.samples]
    bound = threads[0] + args.stalled + args.max_thread_growth
    if threads[-1] > bound:
        failures.append(f"threads: {threads[-1]} left after the load (start {threads[0]}, bound {bound})")
    lines.append(f"| server threads | | | | | | | start {threads[0]}, peak {max(threads)}, after {len(run.results)} requests, "
                 f"{len(run.health)} polls and up to 12 s idle {threads[-1]} (bound {bound}) |")
    code, took = exit_info
    if code != 0 or took > args.exit_within:
        failures.append(f"shutdown: exit status {code} after {took:.1f} s")
    lines.append(f"| SIGTERM | 1 | {int(code == 0 and took <= args.exit_within)} | {int(not (code == 0 and took <= args.exit_within))} "
                 f"| | | {took * 1000:.0f} | exit status {code}, {args.stalled} stalled connections open; bound {args.exit_within:g} s |")
    lines.append(f"| wall time | | | | | | {wall * 1000:.0f} | " + ", ".join(f"{k} {v:.1f} s" for k, v in phases.items()) + " |")
    print("\n".join(lines))
    unexpected = collections.OrderedDict()
    for cls, label, outcome, secs, ok, request, detail in run.results:
        if not ok:
            unexpected.setdefault((cls, label, str(outcome)), []).append((secs, request, detail))
    if unexpected:
        print("\nUnexpected outcomes (class / label / outcome: count, time taken, one request):")
        for (cls, label, outcome), items in unexpected.items():
            secs = sorted(i[0] for i in items)
            _, request, detail = items[0]
            took = f"{secs[0]:.2f} s" + (f" to {secs[-1]:.2f} s" if len(secs) > 1 else "")
            print(f"- {cls} / {label} / {outcome}: {len(items)}x, {took}: {request}"
                  + (f"\n    answer: {detail!r}" if detail else ""))
    if failures:
        print("\nFAILED: " + "; ".join(failures))
    return not failures


def cli():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("bin")
    p.add_argument("store")
    p.add_argument("--requests", type=int, default=1000)
    p.add_argument("--clients", type=int, default=100)
    p.add_argument("--timeout", type=float, default=2, help="the server's --timeout, seconds")
    p.add_argument("--max-body", type=int, default=64 * 1024, help="the server's --max-body, bytes")
    p.add_argument("--burst", type=int, default=20, help="queries past the timeout sent at once")
    p.add_argument("--timeout-slack", type=float, default=5, help="a deliberate timeout's 503 may come this late")
    p.add_argument("--large", type=int, default=8, help="queries with --max-rows results sent at once")
    p.add_argument("--slow-clients", type=int, default=12)
    p.add_argument("--stalled", type=int, default=20, help="connections left with half a request line")
    p.add_argument("--health-bound", type=float, default=5)
    p.add_argument("--request-timeout", type=float, default=60)
    p.add_argument("--max-rss-mib", type=float, default=2048)
    p.add_argument("--max-thread-growth", type=int, default=16)
    p.add_argument("--exit-within", type=float, default=2,
                   help="nothing is in flight at the end, so the server has no reason to wait for --timeout")
    p.add_argument("--deadline", type=float, default=300, help="abandon the whole run after this many seconds")
    return p.parse_args()


def stop(server, within):
    """SIGTERM, then (exit status, seconds taken); SIGKILL and status None past WITHIN
    (longer than the bound checked, to tell a slow exit from a hang)."""
    start = time.monotonic()
    server.send_signal(signal.SIGTERM)
    try:
        return server.wait(within), time.monotonic() - start
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
        return None, time.monotonic() - start


def run_all(args):
    started = time.monotonic()
    port = free_port()
    log = open(os.environ.get("LOAD_TEST_LOG", os.devnull), "wb")
    server = subprocess.Popen([args.bin, "--store", args.store, "serve", "--bind", f"127.0.0.1:{port}",
                               "--timeout", f"{args.timeout:g}", "--max-body", str(args.max_body)],
                              stdout=log, stderr=log)
    stalled = []
    try:
        for _ in range(300):
            if server.poll() is not None:
                sys.exit(f"the server exited with status {server.returncode} before accepting connections")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit("the server did not accept connections within 30 s")
        baseline = proc_status(server.pid)
        for _ in range(args.stalled):  # half a request line, then nothing, until the end
            stalled.append(socket.create_connection(("127.0.0.1", port)))
            stalled[-1].sendall(b"GET /hea")
        try:
            result, phases = asyncio.run(asyncio.wait_for(main(args, server, port, baseline), args.deadline))
        except asyncio.TimeoutError:
            sys.exit(f"FAILED: the run did not finish within {args.deadline:g} s")
        exit_info = stop(server, args.exit_within + args.timeout + 5)
        return report(args, result, phases, exit_info, time.monotonic() - started)
    finally:
        for sock in stalled:
            sock.close()
        if server.poll() is None:
            server.kill()
            server.wait()
        log.close()


if __name__ == "__main__":
    sys.exit(0 if run_all(cli()) else 1)
