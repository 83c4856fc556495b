"""Independent cross-check: every record of a SaudiNewsNet day file is in the store with
its title, date, url and publisher, read straight from the JSON by Python."""
import csv
import json
import sys

source, exported = sys.argv[1], sys.argv[2]
records = json.load(open(source, encoding="utf-8"))
by_url = {}
for r in records:
    if r.get("title", "").strip() or r.get("content", "").strip() or r.get("url", "").strip():
        by_url[r["url"]] = r
rows = {row["url"]: row for row in csv.DictReader(open(exported, encoding="utf-8"))}
missing = [u for u in by_url if u not in rows]
bad = []
for url, r in by_url.items():
    row = rows.get(url)
    if row is None:
        continue
    if r.get("title", "").strip() and row["title"] != r["title"].strip():
        bad.append((url, "title", r["title"], row["title"]))
    if r.get("date_extracted") and row["date"] != r["date_extracted"][:10]:
        bad.append((url, "date", r["date_extracted"], row["date"]))
    if row["publisher"] != r["source"]:
        bad.append((url, "publisher", r["source"], row["publisher"]))
print(f"{len(records)} records, {len(by_url)} with a url, a title or a text, {len(rows)} in the store; "
      f"{len(missing)} missing, {len(bad)} with a wrong field")
for item in (missing + bad)[:10]:
    print("  ", item)
if missing or bad or len(rows) != len(by_url):
    sys.exit(1)
