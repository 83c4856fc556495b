#!/usr/bin/env python3
"""The quality table: P, R, F1 and the attribute counts per set, scored by the review scorer.

Each set is ingested into its own temporary store, exported as N-Quads and scored with
`../shared/eval/score.py` (independent of isnad's code). The dev F1 is a benchmark figure,
not a test threshold.
"""
import argparse, os, re, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
SCORER = os.path.join(SHARED, "eval", "score.py")

# name, texts folder, gold file, scorer format
SETS = [
    ("seeds (corpus/)", os.path.join(ROOT, "corpus"), os.path.join(SHARED, "seeds", "expected.json"), "seed"),
    ("held-out written (tests/heldout)", os.path.join(ROOT, "tests", "heldout", "articles"),
     os.path.join(ROOT, "tests", "heldout", "expected.json"), "seed"),
    ("real dev (../shared/dev)", os.path.join(SHARED, "dev", "articles"), os.path.join(SHARED, "dev", "gold.json"), "heldout"),
]
LAST = re.compile(r"F1=(?P<f1>[\d.]+) P=(?P<p>[\d.]+) R=(?P<r>[\d.]+) dates=(?P<dates>\S+) roles=(?P<roles>\S+) "
                  r"stance=(?P<stance>\S+) denied=\S+ claimant=(?P<claimant>\S+) sources=(?P<sources>\S+)")


def run_set(binary, name, texts, gold, fmt, verbose):
    with tempfile.TemporaryDirectory(prefix="isnad-quality-") as tmp:
        store, dump = os.path.join(tmp, "store"), os.path.join(tmp, "graph.nq")
        t0 = time.perf_counter()
        ing = subprocess.run([binary, "--store", store, "ingest", texts], capture_output=True, text=True)
        if ing.returncode > 1:
            sys.exit(f"{name}: ingest failed ({ing.returncode}): {ing.stderr.strip()}")
        subprocess.run([binary, "--store", store, "export", "--format", "nquads", "-o", dump], check=True,
                       capture_output=True)
        secs = time.perf_counter() - t0
        cmd = [sys.executable, SCORER, "--dump", dump, "--gold", gold, "--format", fmt, "--texts", texts]
        if verbose:
            cmd.append("--verbose")
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        if verbose:
            print(f"## {name}\n{out}")
        events = next((l for l in out.splitlines() if l.startswith("events:")), "")
        m = LAST.search(out.strip().splitlines()[-1])
        if not m:
            sys.exit(f"{name}: unexpected scorer output:\n{out}")
        return m.groupdict(), events, secs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    rows = []
    for name, texts, gold, fmt in SETS:
        if not os.path.exists(gold):
            rows.append((name, None, "gold not found: " + gold, 0))
            continue
        rows.append((name, *run_set(a.bin, name, texts, gold, fmt, a.verbose)))
    print("| set | P | R | F1 | dates | roles | stance | claimant | sources | events | s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, m, events, secs in rows:
        if m is None:
            print(f"| {name} | | | | | | | | | {events} | |")
            continue
        ev = events.replace("events: ", "").replace("gold(non-optional) ", "gold ").replace(" | ", "; ")
        print(f"| {name} | {m['p']} | {m['r']} | **{m['f1']}** | {m['dates']} | {m['roles']} | {m['stance']} | "
              f"{m['claimant']} | {m['sources']} | {ev} | {secs:.1f} |")


if __name__ == "__main__":
    main()
