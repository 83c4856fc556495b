//! `isnad explain`: the article sentence by sentence, each with the facts taken from it and
//! why (trigger, patterns, resolved date), and the triggers left out with their reason.

use super::analysis::analyse;
use super::doc::Doc;
use super::events::Stance;
use crate::article::Article;
use std::io::{self, Write};

/// Writes the explanation of one article.
pub fn explain(article: &Article, out: &mut dyn Write) -> io::Result<()> {
    let analysis = analyse(article);
    let doc = Doc::new(&article.body);
    writeln!(out, "# {} ({})", article.headline, article.identifier)?;
    if let Some(p) = &article.published {
        writeln!(out, "published {p}")?;
    }
    if !analysis.cited.is_empty() {
        let names: Vec<&str> = analysis.cited.iter().map(|e| e.label_ar.as_str()).collect();
        writeln!(out, "cites: {}", names.join("، "))?;
    }
    for (i, s) in analysis.sentences.iter().enumerate() {
        writeln!(out, "\n[{i}] {}", doc.original_chars(s.begin, s.end))?;
        if !s.found.is_empty() {
            let names: Vec<String> = s
                .found
                .iter()
                .map(|f| format!("{} ({:?})", f.ent.label_ar, f.how))
                .collect();
            writeln!(out, "    entities: {}", names.join("; "))?;
        }
        for d in &s.dates {
            let v = d.value.map_or("unresolved".to_owned(), |v| v.lexical());
            writeln!(out, "    date: {v} ({})", d.how)?;
        }
        for &r in &s.readings {
            let r = &analysis.readings[r];
            let roles: Vec<String> = r
                .roles
                .iter()
                .map(|(role, e)| format!("{}={}", role.local(), e.label_ar))
                .collect();
            writeln!(
                out,
                "  → {} [{}] date={} claimant={} stance={} source={}{}{}",
                r.class.local(),
                roles.join(", "),
                r.date.map_or("-".into(), |d| d.lexical()),
                r.claimant.as_ref().map_or("-", |c| c.label_ar.as_str()),
                if r.stance == Stance::Denied {
                    "denied"
                } else {
                    "asserted"
                },
                r.cited.as_ref().map_or("-", |c| c.label_ar.as_str()),
                r.status
                    .map_or(String::new(), |s| format!(" status={}", s.local())),
                if r.background { " background" } else { "" },
            )?;
            for p in &r.places {
                writeln!(out, "      place: {}", p.label_ar)?;
            }
            for f in &r.figures {
                writeln!(
                    out,
                    "      figure: {} {}{}",
                    f.measure.local(),
                    f.value,
                    f.qualifier
                        .map_or(String::new(), |q| format!(" ({})", q.local()))
                )?;
            }
            for why in &r.why {
                writeln!(out, "      why: {why}")?;
            }
        }
        for skip in &s.skipped {
            writeln!(out, "    skipped: {skip}")?;
        }
    }
    Ok(())
}
