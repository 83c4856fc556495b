//! One folding rule: extraction compares folded text, so every Arabic word the code under
//! `src/extract` compares must already be in folded form (or come from the lexicon, which
//! folds on loading). A literal that folding changes («مئة», «الى», «أوائل») can never match.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::root;
use isnad::normalize::fold;

/// String literals of Rust source outside `#[cfg(test)]` code, with their line numbers:
/// comments, char literals and raw strings are read as Rust reads them.
fn string_literals(code: &str) -> Vec<(usize, String)> {
    let code = code.split("#[cfg(test)]").next().unwrap_or_default();
    let chars: Vec<char> = code.chars().collect();
    let (mut out, mut i, mut line) = (Vec::new(), 0, 1);
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
        }
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '\'' {
            // A char literal ('x', '\n', '\'') or a lifetime ('a): skip the literal only.
            let close = if chars.get(i + 1) == Some(&'\\') {
                i + 3
            } else {
                i + 2
            };
            if chars.get(close) == Some(&'\'') {
                i = close + 1;
                continue;
            }
        }
        let raw = c == 'r' && matches!(chars.get(i + 1), Some('"' | '#'));
        if c == '"' || raw {
            let mut hashes = 0;
            let mut j = i + 1;
            if raw {
                while chars.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                j += 1;
            }
            let start_line = line;
            let mut s = String::new();
            while j < chars.len() {
                let d = chars[j];
                if d == '\n' {
                    line += 1;
                }
                if !raw && d == '\\' {
                    s.push(d);
                    if let Some(&e) = chars.get(j + 1) {
                        s.push(e);
                    }
                    j += 2;
                    continue;
                }
                if d == '"' && (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                s.push(d);
                j += 1;
            }
            out.push((start_line, s));
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

fn arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

#[test]
fn every_arabic_literal_extraction_compares_is_already_folded() {
    let dir = root().join("src/extract");
    let mut bad = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "rs") || path.ends_with("real_text_tests.rs") {
            continue;
        }
        let code = std::fs::read_to_string(&path).unwrap();
        for (line, lit) in string_literals(&code) {
            // Words only: format strings (`{…}`) and explanations are messages, not words
            // compared against the text.
            if !arabic(&lit) || lit.contains('{') || lit.contains(':') {
                continue;
            }
            seen += 1;
            for word in lit
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| arabic(w))
            {
                if fold(word) != word {
                    bad.push(format!(
                        "{}:{line}: «{word}» folds to «{}»",
                        path.display(),
                        fold(word)
                    ));
                }
            }
        }
    }
    assert!(seen > 20, "the scanner found only {seen} Arabic literals");
    assert!(
        bad.is_empty(),
        "literals compared raw against folded text:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_scanner_reads_rust_literals() {
    let code = "let a = 'x'; // «مئة» in a comment\nlet b = \"الى\";\nlet c = r#\"قال \"x\"\"#;\n#[cfg(test)]\nlet d = \"مئة\";";
    let found: Vec<String> = string_literals(code).into_iter().map(|(_, s)| s).collect();
    assert_eq!(found, ["الى", "قال \"x\""]);
}
