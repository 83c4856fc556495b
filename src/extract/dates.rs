//! Dates in Arabic (and English) news text, at the precision the text supports.
//!
//! Absolute: `9 نوفمبر 2020`, `27 سبتمبر/أيلول 2020`, Levantine months (تشرين الثاني),
//! ordinal words (التاسع من نوفمبر), `20-9-2023`, `17th, April 2024`, years, decades
//! (تسعينيات القرن العشرين). Relative, against the publication date: weekdays (the latest on
//! or before publication), اليوم، أمس، غداً، الليلة الماضية، ليل الاثنين/الثلاثاء, and months with
//! الماضي or المقبل. A narrative anchor (an explicit date in the same or the previous sentence)
//! fixes the year of a day and month given without one, and "after N days" counts from it.
//! Without a publication date a relative date stays unresolved.

use super::lexicon as lx;
use super::text::Word;
use oxigraph::model::{Literal, NamedNode};

/// Precision of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A decade (the 1990s).
    Decade,
    /// A year.
    Year,
    /// A month of a year.
    Month,
    /// A day.
    Day,
}

/// A date at some precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateValue {
    /// Year (first year of a decade).
    pub year: i32,
    /// Month 1–12 when known.
    pub month: u32,
    /// Day 1–31 when known.
    pub day: u32,
    /// Precision.
    pub precision: Precision,
}

impl DateValue {
    /// A day.
    pub fn day(year: i32, month: u32, day: u32) -> Self {
        Self {
            year,
            month,
            day,
            precision: Precision::Day,
        }
    }
    /// A month.
    pub fn month(year: i32, month: u32) -> Self {
        Self {
            year,
            month,
            day: 1,
            precision: Precision::Month,
        }
    }
    /// A year.
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: 1,
            day: 1,
            precision: Precision::Year,
        }
    }
    /// A decade.
    pub fn decade(year: i32) -> Self {
        Self {
            year: year - year.rem_euclid(10),
            month: 1,
            day: 1,
            precision: Precision::Decade,
        }
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let mut parts = text.split('-');
        let y = parts.next()?.parse().ok()?;
        let m = parts.next()?.parse().ok()?;
        let d = parts.next()?.parse().ok()?;
        valid(y, m, d).then(|| Self::day(y, m, d))
    }

    /// The lexical form at its precision (`2020-11-09`, `2020-11`, `2020`; a decade as its
    /// first year).
    pub fn lexical(&self) -> String {
        match self.precision {
            Precision::Day => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Year | Precision::Decade => format!("{:04}", self.year),
        }
    }

    /// The literal typed by precision: xsd:date, xsd:gYearMonth or xsd:gYear.
    pub fn literal(&self) -> Literal {
        let dt = match self.precision {
            Precision::Day => "date",
            Precision::Month => "gYearMonth",
            Precision::Year | Precision::Decade => "gYear",
        };
        Literal::new_typed_literal(
            self.lexical(),
            NamedNode::new_unchecked(format!("http://www.w3.org/2001/XMLSchema#{dt}")),
        )
    }

    /// First and last day (as day numbers) the date covers.
    pub fn range(&self) -> (i64, i64) {
        match self.precision {
            Precision::Day => {
                let d = days(self.year, self.month, self.day);
                (d, d)
            }
            Precision::Month => {
                let last = crate::article::days_in_month(self.year, self.month).unwrap_or(28);
                (
                    days(self.year, self.month, 1),
                    days(self.year, self.month, last),
                )
            }
            Precision::Year => (days(self.year, 1, 1), days(self.year, 12, 31)),
            Precision::Decade => (days(self.year, 1, 1), days(self.year + 9, 12, 31)),
        }
    }

    /// True when two dates may denote the same event: the same day ±1 at day precision,
    /// containment at a coarser precision.
    pub fn compatible(&self, other: &Self) -> bool {
        let (a0, a1) = self.range();
        let (b0, b1) = other.range();
        if self.precision == Precision::Day && other.precision == Precision::Day {
            return (a0 - b0).abs() <= 1;
        }
        (a0 <= b0 && b1 <= a1) || (b0 <= a0 && a1 <= b1)
    }

    /// The day `n` days later, at day precision.
    pub fn plus_days(&self, n: i64) -> Self {
        let (y, m, d) = civil(days(self.year, self.month, self.day) + n);
        Self::day(y, m, d)
    }
}

/// Days since 1970-01-01 (proleptic Gregorian).
pub fn days(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number.
pub fn civil(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// Day of the week, 0 = Sunday.
pub fn weekday(day_number: i64) -> i64 {
    (day_number + 4).rem_euclid(7)
}

fn valid(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m)
        && d >= 1
        && crate::article::days_in_month(y, m).is_some_and(|n| d <= n)
        && (1000..=2100).contains(&y)
}

/// Month names, folded: Gregorian transliterations, Levantine names, English.
const MONTHS: &[(&str, u32)] = &[
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يوليو", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
    ("تشرين الاول", 10),
    ("تشرين الثاني", 11),
    ("كانون الاول", 12),
    ("يونيه", 6),
    ("يوليه", 7),
    ("جانفي", 1),
    ("فيفري", 2),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويليه", 7),
    ("اوت", 8),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

const WEEKDAYS: &[(&str, i64)] = &[
    ("الاحد", 0),
    ("الاثنين", 1),
    ("الثلاثاء", 2),
    ("الاربعاء", 3),
    ("الخميس", 4),
    ("الجمعه", 5),
    ("السبت", 6),
];

const ORDINALS: &[(&str, u32)] = &[
    ("الاول", 1),
    ("الثاني", 2),
    ("الثالث", 3),
    ("الرابع", 4),
    ("الخامس", 5),
    ("السادس", 6),
    ("السابع", 7),
    ("الثامن", 8),
    ("التاسع", 9),
    ("العاشر", 10),
    ("الحادي عشر", 11),
    ("الثاني عشر", 12),
    ("الثالث عشر", 13),
    ("الرابع عشر", 14),
    ("الخامس عشر", 15),
    ("السادس عشر", 16),
    ("السابع عشر", 17),
    ("الثامن عشر", 18),
    ("التاسع عشر", 19),
    ("العشرين", 20),
    ("الحادي والعشرين", 21),
    ("الثاني والعشرين", 22),
    ("الثالث والعشرين", 23),
    ("الرابع والعشرين", 24),
    ("الخامس والعشرين", 25),
    ("السادس والعشرين", 26),
    ("السابع والعشرين", 27),
    ("الثامن والعشرين", 28),
    ("التاسع والعشرين", 29),
    ("الثلاثين", 30),
    ("الحادي والثلاثين", 31),
];

const DECADES: &[(&str, i32)] = &[
    ("عشرينيات", 20),
    ("ثلاثينيات", 30),
    ("اربعينيات", 40),
    ("خمسينيات", 50),
    ("ستينيات", 60),
    ("سبعينيات", 70),
    ("ثمانينيات", 80),
    ("تسعينيات", 90),
];

/// Words that can begin a date expression (months, ordinals, decades, weekdays, relative
/// days, durations), folded.
fn date_words() -> &'static rustc_hash::FxHashSet<String> {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let mut set = rustc_hash::FxHashSet::default();
        let mut add = |w: &str| {
            set.insert(w.to_owned());
        };
        for (m, _) in MONTHS {
            for part in m.split(' ') {
                add(part);
            }
        }
        for (o, _) in ORDINALS {
            add(o.split(' ').next().unwrap_or_default());
        }
        for (d, _) in DECADES {
            add(d);
        }
        for (d, _) in WEEKDAYS {
            add(d);
        }
        let lex = lx::lexicon();
        for (day, _) in relative_days() {
            add(day);
        }
        for list in [
            "night_nouns",
            "duration_verbs",
            "year_nouns",
            "definite_year_nouns",
            "day_parts",
        ] {
            for w in lex.list(list) {
                add(w);
            }
        }
        set
    })
}

/// True when a word (with or without its clitics or article) can begin a date.
fn starts_date(word: &str) -> bool {
    let set = date_words();
    if set.contains(word) || set.contains(strip_clitics(word)) {
        return true;
    }
    let bare = word.trim_start_matches(['و', 'ف', 'ب']);
    set.contains(bare)
        || set.contains(bare.trim_start_matches("ال"))
        || set.contains(strip_clitics(word).trim_start_matches("ال"))
}

/// A date found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Start byte in the folded text.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// The date, or `None` when it is relative and there is no publication date.
    pub value: Option<DateValue>,
    /// True when the text gives the year itself (usable as a narrative anchor).
    pub explicit_year: bool,
    /// How it was read, for `isnad explain`.
    pub how: String,
}

/// Context for resolving relative dates.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateContext {
    /// The publication date.
    pub published: Option<DateValue>,
    /// The last explicit date of this or the previous sentence.
    pub anchor: Option<DateValue>,
}

fn strip_clitics(w: &str) -> &str {
    for p in ["وفي", "وب", "وال", "بال", "و", "ب", "ف"] {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.chars().count() >= 3 {
                return rest;
            }
        }
    }
    w
}

fn month_at(text: &str, ws: &[Word], i: usize) -> Option<(u32, usize)> {
    let w = |k: usize| ws.get(k).map(|x| &text[x.start..x.end]);
    let first = w(i)?;
    let two_word = w(i + 1).and_then(|next| {
        let two = format!("{} {next}", strip_clitics(first));
        MONTHS.iter().find(|(n, _)| *n == two).map(|(_, m)| *m)
    });
    if let Some(m) = two_word {
        return Some((m, slash_month(text, ws, i + 1, m)));
    }
    let one = strip_clitics(first);
    let m = MONTHS
        .iter()
        .find(|(n, _)| *n == one || *n == first)
        .map(|(_, m)| *m)?;
    // "اب" and "ماي" are also ordinary words: only as months next to a number or a slash.
    if lx::is_in("ambiguous_months", first) {
        let near_number = ws
            .get(i + 1)
            .is_some_and(|x| text[x.start..x.end].chars().all(|c| c.is_ascii_digit()))
            || i.checked_sub(1).is_some_and(|p| {
                text[ws[p].start..ws[p].end]
                    .chars()
                    .all(|c| c.is_ascii_digit())
            });
        let slash = text[..ws[i].start].trim_end().ends_with('/');
        if !near_number && !slash {
            return None;
        }
    }
    Some((m, slash_month(text, ws, i, m)))
}

/// A second name of the same month after a slash (سبتمبر/أيلول) or in parentheses
/// (ديسمبر (كانون الأول)) is consumed with the first: returns the index of the word after
/// the month.
fn slash_month(text: &str, ws: &[Word], last: usize, m: u32) -> usize {
    let end = last + 1;
    if let Some(x) = ws.get(end) {
        let separator = text[ws[last].end..x.start].trim();
        if separator == "/" || separator == "(" {
            if let Some((_, e)) = month_at(text, ws, end).filter(|(m2, _)| *m2 == m) {
                let after = ws.get(e).map_or(text.len(), |y| y.start);
                if separator == "/" || text[ws[e - 1].end..after].contains(')') {
                    return e;
                }
            }
        }
    }
    end
}

fn number(w: &str) -> Option<u32> {
    let digits: String = w.chars().filter(char::is_ascii_digit).collect();
    let tail: String = w.chars().skip_while(char::is_ascii_digit).collect();
    if digits.is_empty() || !(tail.is_empty() || ["st", "nd", "rd", "th"].contains(&tail.as_str()))
    {
        return None;
    }
    digits.parse().ok()
}

fn year_word(w: &str) -> Option<i32> {
    let n = number(w)?;
    (w.len() == 4 && (1000..=2100).contains(&n)).then_some(n as i32)
}

/// Finds the dates among `ws` (the words of one sentence of `text`).
pub fn find(text: &str, ws: &[Word], ctx: DateContext) -> Vec<DateMention> {
    let mut out = Vec::new();
    let w = |k: usize| ws.get(k).map(|x| &text[x.start..x.end]).unwrap_or("");
    let published = ctx.published;
    let mut anchor = ctx.anchor;
    let mut i = 0;
    while i < ws.len() {
        let word = w(i);
        // Most words start no date: no digit and not a date word.
        if !word.bytes().any(|b| b.is_ascii_digit()) && !starts_date(word) {
            i += 1;
            continue;
        }
        let start = ws[i].start;
        let push = |end_word: usize,
                    value: Option<DateValue>,
                    explicit: bool,
                    how: String,
                    out: &mut Vec<DateMention>| {
            out.push(DateMention {
                start,
                end: ws[end_word.clamp(1, ws.len()) - 1].end,
                value,
                explicit_year: explicit,
                how,
            });
        };
        // Numeric: 20-9-2023, 20/9/2023, 2023-09-20.
        if let (Some(a), Some(b), Some(c)) = (number(word), number(w(i + 1)), number(w(i + 2))) {
            let sep1 = &text[ws[i].end..ws[i + 1].start];
            let sep2 = &text[ws[i + 1].end..ws[i + 2].start];
            if (sep1 == "-" || sep1 == "/") && sep1 == sep2 {
                let (y, m, d) = if w(i).len() == 4 {
                    (a as i32, b, c)
                } else {
                    (c as i32, b, a)
                };
                // 25/6/1436هـ is a Hijri date: skipped rather than read as a Gregorian one.
                let hijri = lx::is_in("hijri_markers", w(i + 3))
                    || lx::ends_in("hijri_markers", w(i + 2))
                    || (1300..1500).contains(&y);
                if hijri {
                    i += 3;
                    continue;
                }
                if valid(y, m, d) {
                    let v = DateValue::day(y, m, d);
                    anchor = Some(v);
                    push(
                        i + 3,
                        Some(v),
                        true,
                        format!("numeric date {}", v.lexical()),
                        &mut out,
                    );
                    i += 3;
                    continue;
                }
            }
        }
        // Day + month (+ year): 9 نوفمبر 2020, 17th, April 2024, التاسع من نوفمبر 2020.
        let day_and_next = number(word)
            .filter(|d| (1..=31).contains(d))
            .map(|d| (d, i + 1))
            .or_else(|| {
                ORDINALS.iter().rev().find_map(|(o, d)| {
                    let parts: Vec<&str> = o.split(' ').collect();
                    let matches = parts.iter().enumerate().all(|(k, p)| {
                        let x = w(i + k);
                        x == *p || (k == 0 && strip_clitics(x) == *p)
                    });
                    matches.then_some((*d, i + parts.len()))
                })
            });
        if let Some((d, mut j)) = day_and_next {
            if lx::is_in("from_prepositions", w(j)) {
                j += 1;
            }
            if let Some((m, k)) = month_at(text, ws, j) {
                let (year_opt, after) = match (year_word(w(k)), w(k), year_word(w(k + 1))) {
                    (Some(y), _, _) => (Some(y), k + 1),
                    (None, x, Some(y)) if lx::is_in("year_nouns", x) => (Some(y), k + 2),
                    _ => (None, k),
                };
                if let Some(y) = year_opt {
                    if valid(y, m, d) {
                        let v = DateValue::day(y, m, d);
                        anchor = Some(v);
                        push(
                            after,
                            Some(v),
                            true,
                            format!("day month year {}", v.lexical()),
                            &mut out,
                        );
                        i = after;
                        continue;
                    }
                }
                // اعتبارا من 4 أغسطس، بدءا من: a start to come, the next such day.
                let starting = i >= 2
                    && lx::is_in("from_prepositions", w(i - 1))
                    && lx::is_in("starting_words", w(i - 2));
                let relative = if starting {
                    Relative::Next
                } else {
                    Relative::of(w(after))
                };
                let value = resolve_month_day(m, Some(d), relative, anchor, published);
                let how = format!(
                    "day and month without year ({})",
                    match (relative, anchor) {
                        (_, Some(_)) => "year from the narrative anchor",
                        (Relative::Past, _) => "last such month before publication",
                        (Relative::Next, _) => "next such month after publication",
                        _ => "latest such month before publication",
                    }
                );
                // The relative word is part of the date only when it is there.
                let end = if Relative::of(w(after)) == Relative::None {
                    after
                } else {
                    after + 1
                };
                let anchored = anchor.is_some() && value.is_some();
                push(end, value, anchored, how, &mut out);
                i = end;
                continue;
            }
        }
        // English: April 17, 2024.
        if let Some((m, k)) = month_at(text, ws, i).filter(|_| word.is_ascii()) {
            if let (Some(d), Some(y)) = (number(w(k)), year_word(w(k + 1))) {
                if valid(y, m, d) {
                    let v = DateValue::day(y, m, d);
                    anchor = Some(v);
                    push(
                        k + 2,
                        Some(v),
                        true,
                        format!("English date {}", v.lexical()),
                        &mut out,
                    );
                    i = k + 2;
                    continue;
                }
            }
        }
        // Month (+ year): نوفمبر/تشرين الثاني 2020, في أغسطس, الشهر الماضي.
        if let Some((m, k)) = month_at(text, ws, i) {
            let (year_opt, after) = match (year_word(w(k)), w(k), year_word(w(k + 1))) {
                (Some(y), _, _) => (Some(y), k + 1),
                (None, x, Some(y)) if lx::is_in("year_nouns", x) => (Some(y), k + 2),
                _ => (None, k),
            };
            if let Some(y) = year_opt {
                let v = DateValue::month(y, m);
                anchor = Some(v);
                push(
                    after,
                    Some(v),
                    true,
                    format!("month year {}", v.lexical()),
                    &mut out,
                );
                i = after;
                continue;
            }
            // من العام نفسه: the anchor's year.
            if lx::is_in("from_prepositions", w(after))
                && lx::is_in("definite_year_nouns", w(after + 1))
                && lx::is_in("same_words", w(after + 2))
            {
                let value = anchor.map(|a| DateValue::month(a.year, m));
                push(
                    after + 3,
                    value,
                    value.is_some(),
                    "month of the same year as the anchor".into(),
                    &mut out,
                );
                i = after + 3;
                continue;
            }
            let relative = Relative::of(w(after));
            let value = resolve_month_day(m, None, relative, anchor, published);
            let end = if relative == Relative::None {
                after
            } else {
                after + 1
            };
            push(end, value, false, "month without year".into(), &mut out);
            i = end;
            continue;
        }
        // Decades: تسعينيات القرن العشرين, مطلع التسعينيات.
        if let Some((_, dec)) = DECADES
            .iter()
            .find(|(n, _)| strip_clitics(word).trim_start_matches("ال") == *n)
        {
            let century =
                if lx::is_in("century_nouns", w(i + 1)) && lx::is_in("twenty_first", w(i + 2)) {
                    2000
                } else {
                    1900
                };
            let end = if lx::is_in("century_nouns", w(i + 1)) {
                (i + 3).min(ws.len())
            } else {
                i + 1
            };
            let v = DateValue::decade(century + dec);
            push(end, Some(v), true, format!("decade {}s", v.year), &mut out);
            i = end;
            continue;
        }
        // Years with a cue: عام 2020, في 2020, منذ 2020, خريف 2020.
        if let Some(y) = year_word(word) {
            let cue = i > 0 && super::lexicon::lexicon().has("year_cues", w(i - 1));
            if cue {
                let v = DateValue::year(y);
                anchor = Some(v);
                push(i + 1, Some(v), true, format!("year {y}"), &mut out);
                i += 1;
                continue;
            }
        }
        // Relative days.
        let rel = relative_day(text, ws, i, published);
        if let Some((end, value, how)) = rel {
            push(end, value, false, how, &mut out);
            i = end;
            continue;
        }
        // "after N days" from an anchor in the same sentence: بعد معارك استمرت 44 يوما.
        if lx::is_in("duration_verbs", word) {
            if let (Some(n), Some(a)) = (
                number(w(i + 1)),
                anchor.filter(|a| a.precision == Precision::Day),
            ) {
                let unit = w(i + 2);
                let factor = if lx::starts_in("day_units", unit) {
                    Some(1)
                } else if lx::starts_in("week_units", unit) {
                    Some(7)
                } else {
                    None
                };
                if let Some(f) = factor {
                    let end = a.plus_days(i64::from(n) * f);
                    let v = DateValue::month(end.year, end.month);
                    push(
                        i + 3,
                        Some(v),
                        false,
                        format!("{n} × {f} days after {}", a.lexical()),
                        &mut out,
                    );
                    i += 3;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// Which way the word after a date points (`[past_relatives]`, `[next_relatives]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relative {
    Past,
    Next,
    None,
}

impl Relative {
    fn of(word: &str) -> Self {
        if lx::is_in("past_relatives", word) {
            Self::Past
        } else if lx::is_in("next_relatives", word) {
            Self::Next
        } else {
            Self::None
        }
    }
}

/// The days relative to publication (`[relative_days]`: «WORD OFFSET» lines, folded).
fn relative_days() -> &'static [(String, i64)] {
    static DAYS: std::sync::OnceLock<Vec<(String, i64)>> = std::sync::OnceLock::new();
    DAYS.get_or_init(|| {
        lx::lexicon()
            .list("relative_days")
            .iter()
            .filter_map(|e| {
                let (word, n) = e.rsplit_once(' ')?;
                Some((word.to_owned(), n.parse().ok()?))
            })
            .collect()
    })
}

/// The offset in days from publication of a relative day word (امس: -1).
fn relative_offset(word: &str) -> Option<i64> {
    relative_days()
        .iter()
        .find(|(d, _)| d == word)
        .map(|(_, n)| *n)
}

/// Resolves a month (and day) without a year.
fn resolve_month_day(
    month: u32,
    day: Option<u32>,
    relative: Relative,
    anchor: Option<DateValue>,
    published: Option<DateValue>,
) -> Option<DateValue> {
    let make = |y: i32| match day {
        Some(d) if valid(y, month, d) => Some(DateValue::day(y, month, d)),
        Some(_) => None,
        None => Some(DateValue::month(y, month)),
    };
    if let Some(a) = anchor {
        // Narrative order: a month after the anchor's month is in the same year. But a month
        // «الماضي» is never after the day of writing (أبريل الماضي after a date of May).
        let y = if month >= a.month { a.year } else { a.year + 1 };
        let past = relative == Relative::Past;
        let future = published.is_some_and(|p| make(y).is_some_and(|d| d.range().0 > p.range().1));
        if !(past && future) {
            return make(y);
        }
    }
    let p = published?;
    let key = |m: u32, d: u32| m * 100 + d;
    let this = key(month, day.unwrap_or(1));
    let now = key(p.month, p.day);
    let y = match relative {
        Relative::Next => {
            if this > now {
                p.year
            } else {
                p.year + 1
            }
        }
        Relative::Past => {
            if day.is_none() && month == p.month {
                p.year - 1
            } else if this <= now {
                p.year
            } else {
                p.year - 1
            }
        }
        _ => {
            if this <= now {
                p.year
            } else {
                p.year - 1
            }
        }
    };
    make(y)
}

fn relative_day(
    text: &str,
    ws: &[Word],
    i: usize,
    published: Option<DateValue>,
) -> Option<(usize, Option<DateValue>, String)> {
    let w = |k: usize| ws.get(k).map(|x| &text[x.start..x.end]).unwrap_or("");
    let raw = w(i);
    let word = ["و", "ف", "ب"]
        .iter()
        .find_map(|p| {
            raw.strip_prefix(p)
                .filter(|rest| rest.starts_with("ال") || relative_offset(rest).is_some())
        })
        .unwrap_or_else(|| strip_clitics(raw));
    let base = published.map(|p| days(p.year, p.month, p.day));
    let day_of = |n: Option<i64>| {
        n.map(|d| {
            let (y, m, dd) = civil(d);
            DateValue::day(y, m, dd)
        })
    };
    if let Some(mut n) = relative_offset(word) {
        // أول من أمس، أول أمس: one day further back.
        let further = |j: usize| lx::is_in("further_back", w(j));
        if n < 0
            && ((i >= 2 && lx::is_in("from_prepositions", w(i - 1)) && further(i - 2))
                || (i >= 1 && further(i - 1)))
        {
            n -= 1;
        }
        // غداً الخميس: the weekday confirms it.
        let end = if n > 0 && WEEKDAYS.iter().any(|(d, _)| *d == w(i + 1)) {
            i + 2
        } else {
            i + 1
        };
        let how = match n {
            0 => "today: the publication date".to_owned(),
            -1 => "yesterday".to_owned(),
            -2 => "the day before yesterday".to_owned(),
            1 => "tomorrow".to_owned(),
            _ => format!("{n:+} days from publication"),
        };
        return Some((end, day_of(base.map(|b| b + n)), how));
    }
    match word {
        // العام الماضي، السنة المنصرمة: the year before publication; العام الجاري: its year.
        year if (lx::is_in("year_nouns", year) || lx::is_in("definite_year_nouns", year))
            && lx::is_last_year_word(w(i + 1)) =>
        {
            Some((
                i + 2,
                published.map(|p| DateValue::year(p.year - 1)),
                "last year".into(),
            ))
        }
        // After a definite noun (not إلى) العام الحالي is "the current general" (الأمين العام
        // الحالي), not this year.
        year if lx::is_in("definite_year_nouns", year)
            && lx::is_this_year_word(w(i + 1))
            && !(i > 0
                && w(i - 1).starts_with("ال")
                && !lx::is_in("to_prepositions", w(i - 1))) =>
        {
            Some((
                i + 2,
                published.map(|p| DateValue::year(p.year)),
                "this year".into(),
            ))
        }
        night if lx::is_in("night_nouns", night) && Relative::of(w(i + 1)) == Relative::Past => {
            Some((i + 2, day_of(base.map(|b| b - 1)), "last night".into()))
        }
        part if lx::is_day_part(part) => {
            // ليل الاثنين/الثلاثاء: the night ends on the later day.
            let first = WEEKDAYS.iter().find(|(n, _)| *n == w(i + 1))?;
            let mut end = i + 2;
            let mut target = first.1;
            if let Some(second) = WEEKDAYS.iter().find(|(n, _)| *n == w(i + 2)) {
                if text[ws[i + 1].end..ws[i + 2].start].contains('/') {
                    target = second.1;
                    end = i + 3;
                }
            }
            let v = weekday_before(base, target, Relative::of(w(end)));
            Some((end, v, format!("{} resolved against publication", w(i + 1))))
        }
        _ => {
            let (_, target) = WEEKDAYS.iter().find(|(n, _)| *n == word || *n == w(i))?;
            let next = w(i + 1);
            let end = if Relative::of(next) == Relative::None {
                i + 1
            } else {
                i + 2
            };
            Some((
                end,
                weekday_before(base, *target, Relative::of(next)),
                format!("weekday {} resolved against publication", w(i)),
            ))
        }
    }
}

/// The latest such weekday on or before publication (or the next one after it with المقبل).
fn weekday_before(base: Option<i64>, target: i64, relative: Relative) -> Option<DateValue> {
    let b = base?;
    let wd = weekday(b);
    let d = if relative == Relative::Next {
        b + (target - wd - 1).rem_euclid(7) + 1
    } else {
        b - (wd - target).rem_euclid(7)
    };
    let (y, m, dd) = civil(d);
    Some(DateValue::day(y, m, dd))
}

#[cfg(test)]
mod tests {
    use super::super::text::words;
    use super::*;
    use crate::normalize::fold;

    fn dates(text: &str, published: Option<&str>) -> Vec<String> {
        let folded = fold(text);
        let ws = words(&folded, 0, folded.len());
        let ctx = DateContext {
            published: published.and_then(DateValue::parse_iso),
            anchor: None,
        };
        find(&folded, &ws, ctx)
            .into_iter()
            .map(|d| d.value.map_or("?".to_owned(), |v| v.lexical()))
            .collect()
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(dates("وقع في 12 مارس 2019 اتفاق", None), vec!["2019-03-12"]);
        assert_eq!(
            dates("في 3 تشرين الأول/أكتوبر 2015", None),
            vec!["2015-10-03"]
        );
        assert_eq!(dates("يوم 5 أيار/مايو 2018", None), vec!["2018-05-05"]);
        assert_eq!(
            dates("في الحادي عشر من مارس 2011", None),
            vec!["2011-03-11"]
        );
        assert_eq!(dates("بتاريخ 1-7-2014", None), vec!["2014-07-01"]);
        assert_eq!(
            dates("الصادر بتاريخ 3/4/1430هـ", None),
            Vec::<String>::new()
        );
        assert_eq!(dates("وتاريخ 12/2/1441 ه", None), Vec::<String>::new());
        assert_eq!(
            dates("Published: 3rd, May 2016 GMT", None),
            vec!["2016-05-03"]
        );
        assert_eq!(dates("في يونيو/حزيران 2014", None), vec!["2014-06"]);
        assert_eq!(
            dates("منذ فبراير (شباط) 2009 حين", Some("2015-08-09")),
            vec!["2009-02"]
        );
        assert_eq!(dates("في 4 مارس (آذار) 2013", None), vec!["2013-03-04"]);
        assert_eq!(dates("منذ عام 1994", None), vec!["1994"]);
        assert_eq!(dates("خلال ثمانينيات القرن العشرين", None), vec!["1980"]);
        assert_eq!(dates("وصل 2000 شخص", None), Vec::<String>::new());
    }

    #[test]
    fn a_start_date_without_year_is_the_next_one() {
        assert_eq!(
            dates("تسري الهدنة اعتبارا من 4 أغسطس", Some("2024-07-31")),
            vec!["2024-08-04"]
        );
        assert_eq!(
            dates("وقعت في 4 أغسطس", Some("2024-07-31")),
            vec!["2023-08-04"]
        );
    }

    #[test]
    fn relative_dates_resolve_against_publication() {
        // 2021-06-16 is a Wednesday.
        let p = Some("2021-06-16");
        assert_eq!(dates("قال الأحد", p), vec!["2021-06-13"]);
        assert_eq!(dates("اليوم الأربعاء", p), vec!["2021-06-16", "2021-06-16"]);
        assert_eq!(dates("غداً الخميس", p), vec!["2021-06-17"]);
        assert_eq!(dates("وأمس", p), vec!["2021-06-15"]);
        assert_eq!(dates("فجر أول من أمس", p), vec!["2021-06-14"]);
        assert_eq!(dates("ظهر أول أمس", p), vec!["2021-06-14"]);
        assert_eq!(dates("عصر السبت", p), vec!["2021-06-12"]);
        assert_eq!(dates("ليل الاثنين/الثلاثاء", p), vec!["2021-06-15"]);
        assert_eq!(dates("في مارس الماضي", p), vec!["2021-03"]);
        assert_eq!(dates("وشنوا العام الماضي هجوما", p), vec!["2020"]);
        assert_eq!(dates("خلال السنة المنصرمة", p), vec!["2020"]);
        assert_eq!(dates("منذ بداية العام الجاري", p), vec!["2021"]);
        assert!(dates("وقال الأمين العام الحالي للمنظمة", p).is_empty());
        assert_eq!(dates("منذ الانقلاب العام الماضي", p), vec!["2020"]);
        assert_eq!(dates("عاد إلى العام الماضي", p), vec!["2020"]);
        // A narrative anchor orders the months after it (نوفمبر الماضي after September 2019
        // is November 2019), but «الماضي» never lands after the day of writing.
        assert_eq!(
            dates("بدأت المعارك في سبتمبر 2019 وتوقفت في نوفمبر الماضي", p),
            vec!["2019-09", "2019-11"]
        );
        assert_eq!(
            dates(
                "وقعت المعارك في مايو 2021 ثم فرضت عقوبات في أبريل (نيسان) الماضي",
                p
            ),
            vec!["2021-05", "2021-04"]
        );
        assert_eq!(dates("في يونيو الماضي", p), vec!["2020-06"]);
        assert_eq!(dates("في أكتوبر المقبل", p), vec!["2021-10"]);
        assert_eq!(dates("في أغسطس", p), vec!["2020-08"]);
        assert_eq!(dates("الأحد", None), vec!["?"]);
    }

    #[test]
    fn the_narrative_anchor_fixes_the_year() {
        // The anchor (an earlier explicit date) wins over the publication date.
        assert_eq!(
            dates(
                "بدأت الحرب في 2 أغسطس 1990 وانتهت في 28 فبراير الماضي",
                Some("2021-06-16")
            ),
            vec!["1990-08-02", "1991-02-28"]
        );
        assert_eq!(
            dates(
                "اندلع القتال في 1 مارس 2014، وبعد معارك استمرت 30 يوما توقف",
                None
            ),
            vec!["2014-03-01", "2014-03"]
        );
        assert_eq!(
            dates("منذ 2014 بموجب اتفاق وقع في مايو من العام نفسه", None),
            vec!["2014", "2014-05"]
        );
    }

    #[test]
    fn compatibility_is_day_plus_minus_one_or_containment() {
        let d = |s: &str| DateValue::parse_iso(s).unwrap();
        assert!(d("2020-11-09").compatible(&d("2020-11-10")));
        assert!(!d("2020-11-09").compatible(&d("2020-11-11")));
        assert!(DateValue::month(2020, 11).compatible(&d("2020-11-30")));
        assert!(DateValue::year(2020).compatible(&DateValue::month(2020, 11)));
        assert!(!DateValue::year(2021).compatible(&DateValue::month(2020, 11)));
        assert!(DateValue::decade(1994).compatible(&DateValue::year(1992)));
        assert_eq!(
            DateValue::month(2020, 11).literal().to_string(),
            "\"2020-11\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>"
        );
    }

    #[test]
    fn a_bare_year_after_a_cue_that_folding_changes_is_a_date() {
        // حتى، إلى and أوائل fold to حتي، الي and اوايل: the cues come folded from the lexicon.
        for text in [
            "استمرت الحرب حتى 2020",
            "امتدت الهدنة إلى 2020",
            "اندلعت المعارك أوائل 2020",
        ] {
            assert_eq!(dates(text, Some("2021-06-16")), vec!["2020"], "{text}");
        }
    }
}
