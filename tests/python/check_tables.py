"""pandas reads isnad's ACLED table with ACLED's column names and types, and the PLOVER
export's records have PLOVER's fields (event_type, mode, context, actor, recipient, date,
location) with their evidence.

usage: check_tables.py ACLED.csv PLOVER.jsonl"""
import json
import sys

import pandas as pd

ACLED = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
         "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "interaction",
         "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
         "source_scale", "notes", "fatalities", "timestamp"]
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
          "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "CRIME", "MOBILIZE",
          "COERCE", "ASSAULT", "FIGHT"}

acled_path, plover_path = sys.argv[1], sys.argv[2]
df = pd.read_csv(acled_path, dtype={"event_id_cnty": str}, keep_default_na=True)
assert list(df.columns[: len(ACLED)]) == ACLED, list(df.columns)
assert pd.api.types.is_integer_dtype(df["fatalities"]), df["fatalities"].dtype
assert pd.api.types.is_float_dtype(df["latitude"]) and pd.api.types.is_float_dtype(df["longitude"])
assert df["latitude"].dropna().between(-90, 90).all() and df["longitude"].dropna().between(-180, 180).all()
dates = pd.to_datetime(df["event_date"].dropna().astype(str), format="mixed")
assert len(dates) > 0
op = df[(df["event_date"] == "2023-09-19") & (df["event_type"] == "Battles")]
assert len(op) == 1 and "Azerbaijan" in op.iloc[0]["actor1"], op
farukh = df[(df["isnad_class"] == "Withdrawal") & (df["event_date"] == "2022-03-27")]
assert len(farukh) == 1 and bool(farukh.iloc[0]["contested"]) is True, farukh
assert df["event_id_cnty"].is_unique

records = [json.loads(line) for line in open(plover_path, encoding="utf-8") if line.strip()]
assert len(records) == len(df), (len(records), len(df))
for r in records:
    for field in ("event_type", "mode", "context", "actor", "recipient", "date", "location", "evidence"):
        assert field in r, (field, r)
    assert r["event_type"] in PLOVER, r["event_type"]
    assert isinstance(r["actor"], list) and isinstance(r["recipient"], list)
    assert r["date"] is None or pd.Timestamp(r["date"] if len(r["date"]) > 4 else r["date"] + "-01-01")
    assert r["evidence"] and all(e["text"] for e in r["evidence"])
print(f"pandas read {len(df)} ACLED rows; {len(records)} PLOVER records valid")
