//! Event tables of the seed corpus: ACLED's columns and PLOVER records, read back by
//! independent parsers (the csv crate, serde_json; pandas in CI).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use std::collections::HashMap;

fn built() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = copy_corpus(dir.path());
    let out = isnad(dir.path(), &["ingest", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir
}

#[test]
fn the_acled_table_has_acleds_columns_and_the_known_events() {
    let dir = built();
    let out = isnad(dir.path(), &["export", "--format", "acled"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, isnad::tables::ACLED_COLUMNS);
    let rows: Vec<HashMap<String, String>> = reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_owned))
                .collect()
        })
        .collect();
    assert!(rows.len() >= 10, "{rows:?}");
    // The operation of September 2023: a battle of Azerbaijan's forces on its day.
    let op = rows
        .iter()
        .find(|r| r["event_date"] == "2023-09-19" && r["event_type"] == "Battles")
        .unwrap_or_else(|| panic!("{rows:?}"));
    assert!(op["actor1"].contains("Azerbaijan"), "{op:?}");
    assert_eq!(op["year"], "2023");
    assert_eq!(op["time_precision"], "1");
    // The withdrawal around Farukh, asserted by Moscow and denied by Baku: contested.
    let farukh = rows
        .iter()
        .find(|r| r["isnad_class"] == "Withdrawal" && r["event_date"] == "2022-03-27")
        .unwrap_or_else(|| panic!("{rows:?}"));
    assert_eq!(farukh["contested"], "true", "{farukh:?}");
    assert_eq!(farukh["stance"], "contested");
    assert_eq!(
        farukh["sub_event_type"],
        "Non-violent transfer of territory"
    );
    for r in &rows {
        assert!(r["fatalities"].parse::<u64>().is_ok(), "{r:?}");
        assert!(r["evidence"].starts_with("https://w3id.org/isnad/id/event/"));
        if !r["latitude"].is_empty() {
            assert!(r["latitude"].parse::<f64>().is_ok(), "{r:?}");
        }
    }
}

#[test]
fn plover_records_carry_type_mode_context_sides_and_evidence() {
    let dir = built();
    let out = isnad(dir.path(), &["export", "--format", "plover"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(records.len() >= 10);
    let types = ["FIGHT", "MOBILIZE", "RETREAT", "AGREE", "CONSULT"];
    for r in &records {
        assert!(types.contains(&r["event_type"].as_str().unwrap()), "{r}");
        assert!(r["mode"].is_string() && r["context"].is_string(), "{r}");
        assert!(r["actor"].is_array() && r["recipient"].is_array(), "{r}");
        let evidence = r["evidence"].as_array().unwrap();
        assert!(!evidence.is_empty(), "{r}");
        assert!(evidence
            .iter()
            .all(|e| !e["text"].as_str().unwrap().is_empty()));
    }
    let farukh = records
        .iter()
        .find(|r| r["isnad_class"] == "Withdrawal" && r["date"] == "2022-03-27")
        .unwrap();
    assert_eq!(farukh["event_type"], "RETREAT");
    assert_eq!(farukh["contested"], true);
}
