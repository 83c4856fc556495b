//! Cross-article coreference: readings of the same class, with compatible principal actors
//! and compatible dates (the same day ±1 at day precision, containment at a coarser one), are
//! one event. Pure and order-independent: the result depends only on the set of readings.

use super::dates::{DateValue, Precision};
use super::lexicon::EventClass;
use std::collections::{BTreeMap, BTreeSet};

/// A reading as stored, with its actors resolved to their states.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadingRow {
    /// Reading IRI.
    pub iri: String,
    /// Article IRI.
    pub article: String,
    /// Class.
    pub class: EventClass,
    /// (role local name, actor IRI).
    pub roles: Vec<(String, String)>,
    /// Context: the states (or roots) of its actors, and its places. Two readings are
    /// compatible when their contexts meet, or when either is empty.
    pub roots: BTreeSet<String>,
    /// Places.
    pub places: Vec<String>,
    /// The roots of its agents (who attacks, deploys, withdraws).
    pub agents: BTreeSet<String>,
    /// Date.
    pub date: Option<DateValue>,
    /// Status local names.
    pub status: Vec<String>,
    /// Mention IRIs.
    pub mentions: Vec<String>,
    /// True when its statement denies the event.
    pub denied: bool,
    /// Where its statements begin in its article (code points): two readings the
    /// extractor drew apart from one sentence are two events, never merged.
    pub sentences: Vec<u64>,
}

/// Actors (and places) compatible: within one article (or at a coarse date) an empty context
/// fits anything (the sentence refers back); two day-dated reports of different articles
/// must share their context, so that fighting on the same day in two wars stays two events.
fn compatible_actors(a: &BTreeSet<String>, b: &BTreeSet<String>, lenient: bool) -> bool {
    if lenient {
        a.is_empty() || b.is_empty() || !a.is_disjoint(b)
    } else {
        // Contexts of several members must share two of them: one shared state (or one
        // armed group) is not enough to make two reports the same battle.
        let shared = a.intersection(b).count();
        shared >= 1 && shared >= a.len().min(b.len()).min(2)
    }
}

/// Phase 1's test of contexts. Within one report, the lenient test. Across reports, clashes
/// and meetings (many in a day or a month) are one event only through two shared members
/// of their contexts (two sides, or a side and the place); other classes keep the tests of
/// `compatible_actors`. Otherwise one clash report that names a single state, or none,
/// would bridge every clash of its day or month into one event.
fn across_reports(a: &ReadingRow, b: &ReadingRow) -> bool {
    if a.article == b.article {
        return compatible_actors(&a.roots, &b.roots, true);
    }
    if matches!(a.class, EventClass::Clash | EventClass::Talks) {
        return a.roots.intersection(&b.roots).count() >= 2;
    }
    compatible_actors(&a.roots, &b.roots, !(day_precise(a) && day_precise(b)))
}

fn day_precise(r: &ReadingRow) -> bool {
    r.date.is_some_and(|d| d.precision == Precision::Day)
}

fn compatible_class(a: EventClass, b: EventClass) -> bool {
    a.family() == b.family()
}

/// Union-find with cannot-links: each root keeps the (article, sentence) statements of
/// its asserted members, and two clusters asserting in one statement are never joined; nor
/// are two clusters holding clashes of one report on separate fronts (`separate_fronts`),
/// so that a third report cannot join them transitively.
struct UnionFind(Vec<usize>, Vec<BTreeSet<(String, u64)>>, Vec<Vec<usize>>);

impl UnionFind {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let next = self.0[y];
            self.0[y] = r;
            y = next;
        }
        r
    }
}

/// Groups readings into events. Returns clusters as sorted lists of indices into `rows`,
/// themselves sorted by their first member's IRI.
pub fn cluster(rows: &[ReadingRow]) -> Vec<Vec<usize>> {
    // Work in a canonical order so that the input order never matters.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| rows[a].iri.cmp(&rows[b].iri));
    let rank: Vec<usize> = {
        let mut r = vec![0; rows.len()];
        for (k, &i) in order.iter().enumerate() {
            r[i] = k;
        }
        r
    };
    let mut uf = UnionFind(
        (0..rows.len()).collect(),
        // A denial often shares its sentence with the claim it denies: it links freely.
        rows.iter()
            .map(|r| {
                r.sentences
                    .iter()
                    .filter(|_| !r.denied)
                    .map(|&b| (r.article.clone(), b))
                    .collect()
            })
            .collect(),
        (0..rows.len()).map(|i| vec![i]).collect(),
    );
    let fine = |r: &ReadingRow| r.date.is_some_and(|d| d.precision >= Precision::Month);
    // Phase 1: readings dated to the month or day, bucketed by class family and year.
    let mut buckets: BTreeMap<(EventClass, i32), Vec<usize>> = BTreeMap::new();
    for &i in &order {
        if fine(&rows[i]) {
            if let Some(d) = rows[i].date {
                buckets
                    .entry((rows[i].class.family(), d.year))
                    .or_default()
                    .push(i);
            }
        }
    }
    for members in buckets.values() {
        // Sweep in date order: a reading is compared only with those whose dates start
        // before its own ends (+1 day), and pairs already in one event are skipped. The
        // result is the same as comparing every pair: union-find closes transitively.
        let mut sorted: Vec<usize> = members.clone();
        let range = |i: usize| rows[i].date.map_or((0, 0), |d| d.range());
        sorted.sort_by_key(|&i| (range(i).0, rank[i]));
        for (x, &a) in sorted.iter().enumerate() {
            let end = range(a).1 + 1;
            for &b in &sorted[x + 1..] {
                if range(b).0 > end {
                    break;
                }
                if uf.find(a) == uf.find(b) {
                    continue;
                }
                let (ra, rb) = (&rows[a], &rows[b]);
                // ±1 day tolerates another report's reckoning; one report that gives two
                // days means two events.
                let dates = ra.date.zip(rb.date).is_some_and(|(p, q)| p.compatible(&q))
                    && !(ra.article == rb.article
                        && day_precise(ra)
                        && day_precise(rb)
                        && ra.date != rb.date);
                if dates && compatible_class(ra.class, rb.class) && across_reports(ra, rb) {
                    let (lo, hi) = if rank[a] < rank[b] { (a, b) } else { (b, a) };
                    uf.union_ranked(lo, hi, &rank, rows);
                }
            }
        }
    }
    // Clusters of phase 1, with their union of roots and dates.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &order {
        if fine(&rows[i]) {
            let root = uf.find(i);
            groups.entry(root).or_default().push(i);
        }
    }
    // Phase 2: coarse readings join the largest compatible fine cluster, decided against
    // phase 1 only, so coarse readings never influence each other's choice.
    let mut assigned: BTreeMap<usize, usize> = BTreeMap::new();
    // Fine groups by class family and year, so a coarse reading looks only at its years.
    let mut by_year: BTreeMap<(EventClass, i32), Vec<usize>> = BTreeMap::new();
    for (root, members) in &groups {
        let years: BTreeSet<i32> = members
            .iter()
            .filter_map(|&m| rows[m].date.map(|d| d.year))
            .collect();
        for y in years {
            by_year
                .entry((rows[members[0]].class.family(), y))
                .or_default()
                .push(*root);
        }
    }
    for &i in &order {
        let r = &rows[i];
        let Some(d) = r.date.filter(|_| !fine(r)) else {
            continue;
        };
        let span = if d.precision == Precision::Decade {
            10
        } else {
            1
        };
        let candidates: BTreeSet<usize> = (d.year..d.year + span)
            .filter_map(|y| by_year.get(&(r.class.family(), y)))
            .flatten()
            .copied()
            .collect();
        let best = candidates
            .iter()
            .map(|root| (root, &groups[root]))
            .filter(|(_, members)| {
                members
                    .iter()
                    .all(|&m| compatible_class(rows[m].class, r.class))
                    && members
                        .iter()
                        .any(|&m| rows[m].date.is_some_and(|md| d.compatible(&md)))
                    // A year or decade with no side named (the war of 2020) is the
                    // known event of that time; a month with none names no event of
                    // another report.
                    && compatible_actors(&union_roots(rows, members), &r.roots, true)
                    && (!r.roots.is_empty()
                        || d.precision < Precision::Month
                        || members.iter().any(|&m| rows[m].article == r.article))
            })
            .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(rank[*b.0].cmp(&rank[*a.0])))
            .map(|(root, _)| *root);
        if let Some(root) = best {
            assigned.insert(i, root);
        }
    }
    for (&i, &root) in &assigned {
        uf.union_ranked(root.min(i), root.max(i), &rank, rows);
    }
    // Coarse readings left alone merge among themselves (same class, same date, compatible).
    let coarse: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| rows[i].date.is_some() && !fine(&rows[i]) && !assigned.contains_key(&i))
        .collect();
    for (x, &a) in coarse.iter().enumerate() {
        for &b in &coarse[x + 1..] {
            let (ra, rb) = (&rows[a], &rows[b]);
            let month = ra.date.is_some_and(|d| d.precision == Precision::Month);
            if ra.date == rb.date
                && compatible_class(ra.class, rb.class)
                && compatible_actors(&ra.roots, &rb.roots, ra.article == rb.article || !month)
            {
                uf.union_ranked(a, b, &rank, rows);
            }
        }
    }
    // An undated statement and an undated denial in one article, of the same class and with
    // a shared actor, are one event (أعلنت موسكو أن القوات انسحبت / قالت كييف إنها لم
    // تنسحب). Two undated assertions are not merged: they may be two clashes.
    let mut undated: BTreeMap<(&str, EventClass), Vec<usize>> = BTreeMap::new();
    for &i in order.iter().filter(|&&i| rows[i].date.is_none()) {
        undated
            .entry((rows[i].article.as_str(), rows[i].class.family()))
            .or_default()
            .push(i);
    }
    for members in undated.values() {
        // Each denial joins the first assertion (in canonical order) it shares an actor
        // with, so a denial never chains two assertions together.
        for &d in members.iter().filter(|&&d| rows[d].denied) {
            let shares = |a: usize| {
                rows[a]
                    .roles
                    .iter()
                    .any(|(_, actor)| rows[d].roles.iter().any(|(_, other)| other == actor))
            };
            if let Some(&a) = members.iter().find(|&&a| !rows[a].denied && shares(a)) {
                // A claim and its denial may share one sentence: no cannot-link here.
                uf.union_forced(a, d, &rank);
            }
        }
    }
    let mut out: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &order {
        let root = uf.find(i);
        out.entry(rank[root]).or_default().push(i);
    }
    let mut clusters: Vec<Vec<usize>> = out.into_values().collect();
    for c in &mut clusters {
        c.sort_by(|&a, &b| rows[a].iri.cmp(&rows[b].iri));
    }
    clusters.sort_by(|a, b| rows[a[0]].iri.cmp(&rows[b[0]].iri));
    clusters
}

/// Within one report, two clashes are one only through a named side they share, and not
/// when different attackers carry them out:
/// fighting on several fronts the same day is several clashes. (A spokesman's claim with
/// no side of its own joins the attack.)
fn separate_fronts(a: &ReadingRow, b: &ReadingRow) -> bool {
    if a.article != b.article || a.class != EventClass::Clash || b.class != EventClass::Clash {
        return false;
    }
    let sided = |r: &ReadingRow| r.roots.iter().any(|x| !x.contains("/person/"));
    let no_shared_side = sided(a)
        && sided(b)
        && !a
            .roots
            .iter()
            .any(|x| !x.contains("/group/") && b.roots.contains(x));
    let other_attacker =
        !a.agents.is_empty() && !b.agents.is_empty() && a.agents.is_disjoint(&b.agents);
    no_shared_side || other_attacker
}

fn union_roots(rows: &[ReadingRow], members: &[usize]) -> BTreeSet<String> {
    members
        .iter()
        .flat_map(|&m| rows[m].roots.iter().cloned())
        .collect()
}

impl UnionFind {
    /// Joins the clusters of `a` and `b` unless they hold readings of one statement.
    fn union_ranked(&mut self, a: usize, b: usize, rank: &[usize], rows: &[ReadingRow]) {
        let (ra, rb) = (self.find(a), self.find(b));
        let fronts = || {
            self.2[ra].iter().any(|&x| {
                self.2[rb]
                    .iter()
                    .any(|&y| separate_fronts(&rows[x], &rows[y]))
            })
        };
        if ra != rb && self.1[ra].is_disjoint(&self.1[rb]) && !fronts() {
            self.join(ra, rb, rank);
        }
    }

    fn union_forced(&mut self, a: usize, b: usize, rank: &[usize]) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.join(ra, rb, rank);
        }
    }

    fn join(&mut self, ra: usize, rb: usize, rank: &[usize]) {
        // The member first in canonical order stays the root.
        let (root, child) = if rank[ra] < rank[rb] {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.0[child] = root;
        let moved = std::mem::take(&mut self.1[child]);
        self.1[root].extend(moved);
        let members = std::mem::take(&mut self.2[child]);
        self.2[root].extend(members);
    }
}

/// The date an event is given: among the most precise dates of its readings, the most
/// frequent, then the earliest.
pub fn representative_date(rows: &[ReadingRow], members: &[usize]) -> Option<DateValue> {
    let dates: Vec<DateValue> = members.iter().filter_map(|&m| rows[m].date).collect();
    let best = dates.iter().map(|d| d.precision).max()?;
    let mut counts: BTreeMap<DateValue, usize> = BTreeMap::new();
    for d in dates.iter().filter(|d| d.precision == best) {
        *counts.entry(*d).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(d, _)| d)
}

/// The class of an event: a ceasefire when any reading says so, else the most frequent.
pub fn representative_class(rows: &[ReadingRow], members: &[usize]) -> EventClass {
    if members
        .iter()
        .any(|&m| rows[m].class == EventClass::Ceasefire)
    {
        return EventClass::Ceasefire;
    }
    let mut counts: BTreeMap<EventClass, usize> = BTreeMap::new();
    for &m in members {
        *counts.entry(rows[m].class).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map_or(EventClass::Clash, |(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(iri: &str, class: EventClass, roots: &[&str], date: Option<DateValue>) -> ReadingRow {
        ReadingRow {
            iri: iri.into(),
            article: format!("a-{iri}"),
            class,
            roles: vec![],
            roots: roots.iter().map(|s| (*s).to_owned()).collect(),
            places: vec![],
            date,
            status: vec![],
            mentions: vec![],
            denied: false,
            sentences: vec![],
            agents: BTreeSet::new(),
        }
    }

    fn day(s: &str) -> Option<DateValue> {
        DateValue::parse_iso(s)
    }

    #[test]
    fn same_event_in_three_articles_is_one_cluster() {
        let rows = vec![
            row("r1", EventClass::Ceasefire, &["x", "y"], day("2019-05-03")),
            row("r2", EventClass::Agreement, &["y"], day("2019-05-04")),
            row(
                "r3",
                EventClass::Ceasefire,
                &[],
                Some(DateValue::month(2019, 5)),
            ),
            row("r4", EventClass::Ceasefire, &["x", "y"], day("2019-08-01")),
            row("r5", EventClass::Withdrawal, &["x"], day("2019-05-03")),
        ];
        let clusters = cluster(&rows);
        assert_eq!(clusters, vec![vec![0, 1, 2], vec![3], vec![4]]);
        assert_eq!(representative_date(&rows, &clusters[0]), day("2019-05-03"));
        assert_eq!(
            representative_class(&rows, &clusters[0]),
            EventClass::Ceasefire
        );
    }

    #[test]
    fn different_actors_or_distant_days_stay_apart() {
        let rows = vec![
            row("a", EventClass::Clash, &["x"], day("2019-05-03")),
            row("b", EventClass::Clash, &["z"], day("2019-05-03")),
            row("c", EventClass::Clash, &["x"], day("2019-05-06")),
        ];
        assert_eq!(cluster(&rows).len(), 3);
    }

    #[test]
    fn coarse_dates_join_the_largest_compatible_event() {
        let rows = vec![
            row("a", EventClass::Clash, &["x", "y"], day("2016-04-02")),
            row("b", EventClass::Clash, &["x", "y"], day("2016-04-03")),
            row("c", EventClass::Clash, &["x"], day("2016-09-10")),
            row("d", EventClass::Clash, &["y"], Some(DateValue::year(2016))),
            row("e", EventClass::Clash, &[], Some(DateValue::year(2016))),
            row("f", EventClass::Clash, &["x"], None),
        ];
        assert_eq!(cluster(&rows), vec![vec![0, 1, 3, 4], vec![2], vec![5]]);
    }

    #[test]
    fn the_result_does_not_depend_on_input_order() {
        let mut rows = vec![
            row("a", EventClass::Talks, &["x", "y"], day("2018-01-10")),
            row("b", EventClass::Talks, &["y"], day("2018-01-11")),
            row("c", EventClass::Talks, &["x"], Some(DateValue::year(2018))),
            row("d", EventClass::Talks, &["q"], day("2018-01-10")),
        ];
        let names = |rows: &[ReadingRow]| -> Vec<Vec<String>> {
            cluster(rows)
                .into_iter()
                .map(|c| c.into_iter().map(|i| rows[i].iri.clone()).collect())
                .collect()
        };
        let first = names(&rows);
        rows.reverse();
        assert_eq!(names(&rows), first);
        rows.swap(0, 2);
        assert_eq!(names(&rows), first);
    }

    #[test]
    fn undated_readings_of_one_article_sharing_an_actor_are_one_event() {
        let row = |iri: &str, article: &str, actor: &str, denied: bool| ReadingRow {
            iri: iri.into(),
            article: article.into(),
            class: EventClass::Withdrawal,
            roles: vec![("agent".into(), actor.into())],
            roots: BTreeSet::new(),
            places: Vec::new(),
            date: None,
            status: Vec::new(),
            mentions: Vec::new(),
            denied,
            sentences: Vec::new(),
            agents: BTreeSet::new(),
        };
        let rows = vec![
            row("r1", "a", "x", false),
            row("r2", "a", "x", true),
            row("r3", "b", "x", true),
            row("r4", "a", "y", true),
            row("r5", "a", "x", false),
        ];
        let c = cluster(&rows);
        // r1 and r5 (two assertions) stay apart; the denial r2 joins one of them.
        assert_eq!(c.len(), 4, "{c:?}");
        assert!(c.iter().any(|g| g.len() == 2 && g.contains(&1)), "{c:?}");
        assert!(!c.iter().any(|g| g.contains(&0) && g.contains(&4)), "{c:?}");
    }

    #[test]
    fn a_month_reading_naming_one_state_or_none_bridges_no_clashes_of_other_reports() {
        let at = |iri: &str, article: &str, roots: &[&str], date: Option<DateValue>| ReadingRow {
            article: article.into(),
            ..row(iri, EventClass::Clash, roots, date)
        };
        let month = Some(DateValue::month(2015, 8));
        // Two day-dated clashes of two reports in one country, with different sides.
        let a = at("r1", "a", &["ye", "houthis"], day("2015-08-01"));
        let b = at("r2", "b", &["ye", "coalition"], day("2015-08-02"));
        for bridge in [at("r3", "c", &[], month), at("r3", "c", &["ye"], month)] {
            let c = cluster(&[a.clone(), b.clone(), bridge.clone()]);
            assert!(
                !c.iter().any(|g| g.contains(&0) && g.contains(&1)),
                "{:?} bridged: {c:?}",
                bridge.roots
            );
        }
        // A withdrawal of one month, though, is the withdrawal that a day of it reports.
        let w = |iri: &str, article: &str, roots: &[&str], date| ReadingRow {
            article: article.into(),
            ..row(iri, EventClass::Withdrawal, roots, date)
        };
        let c = cluster(&[
            w(
                "r1",
                "a",
                &["separatists", "karabakh"],
                Some(DateValue::month(2023, 8)),
            ),
            w("r2", "b", &["separatists"], day("2023-08-20")),
        ]);
        assert_eq!(c.len(), 1, "{c:?}");
    }

    #[test]
    fn attacks_by_different_attackers_in_one_report_stay_apart_even_through_another_report() {
        let by = |iri: &str, article: &str, agent: &str, sentence: u64| ReadingRow {
            article: article.into(),
            sentences: vec![sentence],
            agents: [agent.to_owned()].into(),
            roles: vec![("agent".into(), agent.into())],
            ..row(iri, EventClass::Clash, &["tr", "pkk"], day("2015-08-09"))
        };
        // One report: the army's raids and the rebels' attacks, the same day.
        let c = cluster(&[by("r1", "a", "tr", 0), by("r2", "a", "pkk", 90)]);
        assert_eq!(c.len(), 2, "{c:?}");
        // A second report whose reading fits both cannot chain them into one event.
        let mut bridge = row("r3", EventClass::Clash, &["tr", "pkk"], day("2015-08-09"));
        bridge.article = "b".into();
        let c = cluster(&[by("r1", "a", "tr", 0), by("r2", "a", "pkk", 90), bridge]);
        assert_eq!(c.len(), 2, "{c:?}");
        // The same attacker twice in one report is one attack.
        let c = cluster(&[by("r1", "a", "tr", 0), by("r2", "a", "tr", 90)]);
        assert_eq!(c.len(), 1, "{c:?}");
    }

    #[test]
    fn two_readings_of_one_statement_or_two_days_of_one_report_stay_apart() {
        let at = |iri: &str, d: &str, sentence: u64| ReadingRow {
            article: "a".into(),
            sentences: vec![sentence],
            agents: BTreeSet::new(),
            ..row(iri, EventClass::Clash, &["tr", "pkk"], day(d))
        };
        // An air raid today and, in the same sentence, the exchange of fire the day before.
        let c = cluster(&[at("r1", "2015-07-24", 0), at("r2", "2015-07-23", 0)]);
        assert_eq!(c.len(), 2, "{c:?}");
        // Same day, same sentence: still two statements drawn apart by the extractor, and a
        // third reading cannot chain them together.
        let c = cluster(&[
            at("r1", "2015-07-24", 0),
            at("r2", "2015-07-24", 0),
            at("r3", "2015-07-24", 90),
        ]);
        assert_eq!(c.len(), 2, "{c:?}");
        // One report, two days, two sentences: two events; other reports keep ±1 day.
        let c = cluster(&[at("r1", "2015-07-24", 0), at("r2", "2015-07-23", 90)]);
        assert_eq!(c.len(), 2, "{c:?}");
        let mut other = at("r2", "2015-07-23", 90);
        other.article = "b".into();
        other.roots.insert("syria".into());
        assert_eq!(cluster(&[at("r1", "2015-07-24", 0), other]).len(), 1);
    }
}
