//! Rule tests as data: each `tests/rules/NAME.rule` holds a short text written for the test
//! and the readings a careful reader expects, as `isnad explain` prints them («→» lines).
//! One harness runs them all and reports every file that differs, in the manner of
//! rust-analyzer's `check(input, expect)` tests.
//!
//! Format: `# rule: …` (what the file checks), `# published: YYYY-MM-DD`, the text
//! (headline, blank line, body), a line `---`, then the expected «→» lines (none: no event).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use std::path::{Path, PathBuf};

struct Rule {
    path: PathBuf,
    published: String,
    text: String,
    expected: Vec<String>,
}

fn parse(path: &Path) -> Result<Rule, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (head, expected) = raw
        .split_once("\n---\n")
        .or_else(|| raw.strip_suffix("\n---").map(|h| (h, "")))
        .ok_or_else(|| {
            format!(
                "{}: no line `---` before the expected readings",
                path.display()
            )
        })?;
    let mut published = None;
    let mut has_rule = false;
    let mut text = Vec::new();
    for line in head.lines() {
        if let Some(p) = line.strip_prefix("# published:") {
            published = Some(p.trim().to_owned());
        } else if line.starts_with("# rule:") {
            has_rule = true;
        } else if !(line.starts_with('#') && text.is_empty()) {
            text.push(line);
        }
    }
    if !has_rule {
        return Err(format!(
            "{}: no `# rule:` line saying what it checks",
            path.display()
        ));
    }
    Ok(Rule {
        path: path.to_owned(),
        published: published
            .ok_or_else(|| format!("{}: no `# published:` line", path.display()))?,
        text: text.join("\n").trim().to_owned() + "\n",
        expected: expected
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

fn readings(dir: &Path, rule: &Rule) -> Vec<String> {
    let name = rule
        .path
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let txt = dir.join(format!("{name}.txt"));
    std::fs::write(&txt, &rule.text).unwrap();
    std::fs::write(
        dir.join(format!("{name}.meta.json")),
        format!("{{\"published\": \"{}\"}}", rule.published),
    )
    .unwrap();
    let out = isnad(dir, &["explain", txt.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}: {}",
        rule.path.display(),
        stderr(&out)
    );
    stdout(&out)
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("→ "))
        .map(|l| format!("→ {}", l.trim_end()))
        .collect()
}

#[test]
fn every_rule_file_gives_its_expected_readings() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rule"))
        .collect();
    files.sort();
    assert!(files.len() >= 60, "only {} rule files", files.len());
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for path in &files {
        let rule = match parse(path) {
            Ok(r) => r,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let got = readings(dir.path(), &rule);
        if got != rule.expected {
            failures.push(format!(
                "{}\n  expected:\n    {}\n  got:\n    {}",
                path.display(),
                rule.expected.join("\n    "),
                got.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rule files differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
