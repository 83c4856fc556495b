//! The extraction lexicon: event classes, triggers and patterns, and the word lists guards
//! use. All of it is data (`ontology/lexicon.txt`, compiled in, plus the files a user adds
//! with `--lexicon`); this module holds the mechanism: parsing, folding, stemming and
//! matching.
//!
//! Matching keys: a word is folded (`normalize::fold`), split into its proclitic readings
//! (`text::stems`: و، ف، ب، ل، ك، ال…) and each reading is reduced to its Snowball stem
//! (rust-stemmers' Arabic algorithm, applied until it no longer changes). A lexicon word
//! gets the same keys, so one entry covers its inflections. Nisba adjectives (الحربي،
//! الاجتماعية) are not reduced to the noun they derive from.

use super::text::stems;
use crate::normalize::fold;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

use crate::data::{LEXICON as SHIPPED, LEXICON_NAME as SHIPPED_NAME};

/// An event class: one of the ontology's six, or one declared by a lexicon file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventClass(u16);

#[allow(non_upper_case_globals)]
impl EventClass {
    /// `isnad:Agreement`
    pub const Agreement: Self = Self(0);
    /// `isnad:Ceasefire`
    pub const Ceasefire: Self = Self(1);
    /// `isnad:Deployment`
    pub const Deployment: Self = Self(2);
    /// `isnad:Withdrawal`
    pub const Withdrawal: Self = Self(3);
    /// `isnad:Clash`
    pub const Clash: Self = Self(4);
    /// `isnad:Talks`
    pub const Talks: Self = Self(5);
}

const BUILT_IN: [&str; 6] = [
    "Agreement",
    "Ceasefire",
    "Deployment",
    "Withdrawal",
    "Clash",
    "Talks",
];

impl EventClass {
    /// Local name in the ontology.
    pub fn local(self) -> &'static str {
        lexicon()
            .classes
            .get(usize::from(self.0))
            .map_or("Event", |c| c.name.as_str())
    }

    /// Parses a local name (built-in or declared by the lexicon).
    pub fn from_local(local: &str) -> Option<Self> {
        lexicon().class(local)
    }

    /// The built-in class whose guards and roles a declared class follows (itself for the
    /// built-in ones).
    pub fn like(self) -> Self {
        lexicon()
            .classes
            .get(usize::from(self.0))
            .map_or(self, |c| c.like)
    }

    /// True for a class declared by a lexicon file rather than the ontology.
    pub fn is_declared(self) -> bool {
        usize::from(self.0) >= BUILT_IN.len()
    }

    /// English and Arabic labels of a declared class.
    pub fn labels(self) -> (&'static str, &'static str) {
        lexicon()
            .classes
            .get(usize::from(self.0))
            .map_or(("", ""), |c| (c.label_en.as_str(), c.label_ar.as_str()))
    }

    /// Agreements and ceasefires may denote the same event.
    pub fn family(self) -> Self {
        if self == Self::Ceasefire {
            Self::Agreement
        } else {
            self
        }
    }
}

/// A class as the lexicon knows it.
#[derive(Debug, Clone)]
struct ClassDef {
    name: String,
    label_en: String,
    label_ar: String,
    like: EventClass,
}

/// One word of a pattern: its matching keys, and how many other words may come before it.
#[derive(Debug, Clone)]
struct Token {
    keys: Vec<String>,
    exact: bool,
    gap_before: usize,
}

/// A trigger of several words.
#[derive(Debug, Clone)]
pub struct Pattern {
    class: EventClass,
    tokens: Vec<Token>,
    text: String,
}

/// A lexicon file did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}:{line}: {message}")]
pub struct LexiconError {
    /// The file.
    pub origin: String,
    /// The line (1-based).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The parsed lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    classes: Vec<ClassDef>,
    lists: FxHashMap<String, FxHashSet<String>>,
    ordered: FxHashMap<String, Vec<String>>,
    raw: FxHashMap<String, Vec<String>>,
    phrases: FxHashMap<String, Vec<Vec<String>>>,
    keyed: FxHashMap<String, FxHashSet<String>>,
    words: FxHashMap<String, EventClass>,
    patterns: Vec<Pattern>,
    /// Patterns by the keys of their first word, so a word is compared only with the
    /// patterns it can start.
    first: FxHashMap<String, Vec<usize>>,
    /// Every key as a substring pattern: a word that contains none of them needs no stem.
    finder: Option<aho_corasick::AhoCorasick>,
    /// Distinguishes lexicons in the per-thread cache of word keys.
    id: usize,
}

/// Word → its keys, for one lexicon.
type KeyCache = FxHashMap<String, Arc<[String]>>;

static NEXT_ID: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The Snowball stem of a folded word, applied until it is stable.
fn snowball(word: &str) -> String {
    thread_local! {
        static STEMMER: rust_stemmers::Stemmer =
            rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Arabic);
    }
    STEMMER.with(|s| {
        let mut w = word.to_owned();
        for _ in 0..4 {
            let next = s.stem(&w).into_owned();
            if next == w || next.chars().count() < 2 {
                break;
            }
            w = next;
        }
        w
    })
}

/// The noun of a folded word ending in «اي» + a pronoun suffix, with its final hamza back
/// (لقايه → لقاء); `None` for other words.
fn hamza_before_suffix(word: &str) -> Option<String> {
    super::text::PRONOUN_SUFFIXES.iter().find_map(|suffix| {
        let base = word.strip_suffix(suffix)?.strip_suffix('ي')?;
        (base.ends_with('ا') && base.chars().count() >= 3).then(|| format!("{base}ء"))
    })
}

/// Endings of nisba adjectives (and their feminine and plural forms).
const NISBA: [&str; 6] = ["يه", "يين", "يون", "يات", "يا", "ي"];

/// True when `reading` is a nisba adjective of its stem (الحربي of حرب).
fn is_nisba(reading: &str, stem: &str) -> bool {
    NISBA.iter().any(|e| {
        reading
            .strip_suffix(e)
            .is_some_and(|base| base.chars().count() >= 2 && snowball(base) == stem)
    })
}

/// The keys of a lexicon word: the folded form, without ال, and their stems.
fn entry_keys(word: &str) -> Vec<String> {
    let f = fold(word);
    let mut keys = vec![f.clone()];
    if let Some(bare) = f.strip_prefix("ال").filter(|b| b.chars().count() >= 2) {
        keys.push(bare.to_owned());
    }
    for k in keys.clone() {
        let st = snowball(&k);
        if st.chars().count() >= 2 && !keys.contains(&st) {
            keys.push(st);
        }
    }
    keys
}

impl Lexicon {
    /// A lexicon with no class, list or trigger.
    fn empty(id: usize) -> Self {
        Self {
            classes: Vec::new(),
            lists: FxHashMap::default(),
            ordered: FxHashMap::default(),
            raw: FxHashMap::default(),
            phrases: FxHashMap::default(),
            keyed: FxHashMap::default(),
            words: FxHashMap::default(),
            patterns: Vec::new(),
            first: FxHashMap::default(),
            finder: None,
            id,
        }
    }

    /// Parses the shipped lexicon followed by extra files (name, text), in order.
    pub fn parse(extra: &[(String, String)]) -> Result<Self, LexiconError> {
        let mut lex = Self {
            classes: BUILT_IN
                .iter()
                .enumerate()
                .map(|(i, n)| ClassDef {
                    name: (*n).to_owned(),
                    label_en: String::new(),
                    label_ar: String::new(),
                    like: EventClass(i as u16),
                })
                .collect(),
            ..Self::empty(NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
        };
        let mut triggers: Vec<(EventClass, String, String, usize)> = Vec::new();
        for (origin, text) in std::iter::once((SHIPPED_NAME.to_owned(), SHIPPED.to_owned()))
            .chain(extra.iter().cloned())
        {
            lex.read(&origin, &text, &mut triggers)?;
        }
        for (name, entries) in &lex.ordered {
            let keys = entries.iter().flat_map(|e| entry_keys(e)).collect();
            lex.keyed.insert(name.clone(), keys);
        }
        for (class, entry, origin, line) in triggers {
            lex.add_trigger(class, &entry)
                .map_err(|message| LexiconError {
                    origin,
                    line,
                    message,
                })?;
        }
        // Keys a stem can reach: single-word triggers, the first words of patterns, and the
        // stemmed lists. Later pattern words (على، مع، النار) match by their written form,
        // and two-letter keys would send every word to the stemmer.
        let all: std::collections::BTreeSet<&str> = lex
            .words
            .keys()
            .chain(lex.first.keys())
            .chain(lex.keyed.values().flatten())
            .map(String::as_str)
            .filter(|k| k.chars().count() >= 3)
            .collect();
        lex.finder = aho_corasick::AhoCorasick::new(all).ok();
        Ok(lex)
    }

    /// The matching keys of a folded word: its proclitic readings and, when the word holds
    /// some key of this lexicon at all, the Snowball stems of the word and of its most
    /// stripped reading (Snowball strips proclitics itself). Nisba adjectives keep no stem.
    pub fn keys(&self, word: &str) -> Arc<[String]> {
        thread_local! {
            static CACHE: RefCell<(usize, KeyCache)> =
                RefCell::new((usize::MAX, FxHashMap::default()));
        }
        if let Some(hit) = CACHE.with(|c| {
            let c = c.borrow();
            (c.0 == self.id).then(|| c.1.get(word).cloned()).flatten()
        }) {
            return hit;
        }
        let readings = stems(word);
        let mut keys: Vec<String> = readings.iter().map(|r| (*r).to_owned()).collect();
        // لقائه، إنهائها: a final hamza sits on yeh before a pronoun suffix (folded ي); the
        // word with the suffix off and the hamza back is read too (لقاء، إنهاء).
        for r in &readings {
            if let Some(bare) = hamza_before_suffix(r) {
                if !keys.contains(&bare) {
                    let st = snowball(&bare);
                    keys.push(bare);
                    if st.chars().count() >= 2 && !keys.contains(&st) {
                        keys.push(st);
                    }
                }
            }
        }
        let shortest = readings
            .iter()
            .min_by_key(|r| r.len())
            .copied()
            .unwrap_or(word);
        if self.finder.as_ref().is_some_and(|f| f.is_match(word)) {
            for reading in [word, shortest] {
                let st = snowball(reading);
                if st.chars().count() >= 2 && !is_nisba(reading, &st) && !keys.contains(&st) {
                    keys.push(st);
                }
            }
        }
        let keys: Arc<[String]> = keys.into();
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.0 != self.id || c.1.len() > 200_000 {
                *c = (self.id, FxHashMap::default());
            }
            c.1.insert(word.to_owned(), keys.clone());
        });
        keys
    }

    fn read(
        &mut self,
        origin: &str,
        text: &str,
        triggers: &mut Vec<(EventClass, String, String, usize)>,
    ) -> Result<(), LexiconError> {
        let err = |line: usize, message: String| LexiconError {
            origin: origin.to_owned(),
            line,
            message,
        };
        let mut section: Option<String> = None;
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(head) = line.strip_prefix('[') {
                let head = head
                    .strip_suffix(']')
                    .ok_or_else(|| err(line_no, format!("unclosed section header «{line}»")))?
                    .trim();
                let mut parts = head.split_whitespace();
                let kind = parts.next().unwrap_or("");
                let arg = parts.next();
                match (kind, arg) {
                    ("trigger", Some(c)) => {
                        if self.class(c).is_none() {
                            return Err(err(
                                line_no,
                                format!("unknown event class «{c}» (declare it with [class {c}])"),
                            ));
                        }
                    }
                    ("class", Some(c)) => {
                        if !c.chars().all(|ch| ch.is_ascii_alphanumeric()) {
                            return Err(err(
                                line_no,
                                format!("class name «{c}» must be ASCII letters and digits"),
                            ));
                        }
                        if self.class(c).is_none() {
                            let id = u16::try_from(self.classes.len())
                                .map_err(|_| err(line_no, "too many classes".to_owned()))?;
                            self.classes.push(ClassDef {
                                name: c.to_owned(),
                                label_en: c.to_owned(),
                                label_ar: String::new(),
                                like: EventClass(id),
                            });
                        }
                    }
                    (name, None) if !name.is_empty() => {}
                    _ => return Err(err(line_no, format!("bad section header «{line}»"))),
                }
                section = Some(head.to_owned());
                continue;
            }
            let Some(sec) = section.as_deref() else {
                return Err(err(line_no, "an entry before any [section]".to_owned()));
            };
            if let Some(c) = sec.strip_prefix("class ") {
                let Some(cls) = self.class(c.trim()) else {
                    return Err(err(line_no, format!("unknown class «{c}»")));
                };
                let (key, value) = line
                    .split_once(char::is_whitespace)
                    .map(|(k, v)| (k, v.trim()))
                    .ok_or_else(|| err(line_no, format!("expected `KEY VALUE`, found «{line}»")))?;
                let like = match key {
                    "like" => Some(self.class(value).filter(|l| !l.is_declared()).ok_or_else(
                        || err(line_no, format!("«{value}» is not a built-in class")),
                    )?),
                    _ => None,
                };
                let def = &mut self.classes[usize::from(cls.0)];
                match key {
                    "label@en" => def.label_en = value.to_owned(),
                    "label@ar" => def.label_ar = value.to_owned(),
                    "like" => def.like = like.unwrap_or(def.like),
                    other => {
                        return Err(err(
                            line_no,
                            format!("unknown class property «{other}» (label@en, label@ar, like)"),
                        ))
                    }
                }
            } else if let Some(c) = sec.strip_prefix("trigger ") {
                let class = self
                    .class(c.trim())
                    .ok_or_else(|| err(line_no, format!("unknown class «{c}»")))?;
                triggers.push((class, line.to_owned(), origin.to_owned(), line_no));
            } else {
                // Lists of «WORD NUMBER» lines: the number must read.
                let value = line.rsplit_once(' ').map(|(_, v)| v);
                let expected = match sec {
                    "number_words" => Some((
                        "`WORD VALUE` (a whole number)",
                        value.is_some_and(|v| v.parse::<u64>().is_ok()),
                    )),
                    "relative_days" => Some((
                        "`WORD OFFSET` (days, e.g. -1)",
                        value.is_some_and(|v| v.parse::<i64>().is_ok()),
                    )),
                    _ => None,
                };
                if let Some((shape, false)) = expected {
                    return Err(err(line_no, format!("expected {shape}, found «{line}»")));
                }
                let folded = fold(line);
                self.lists
                    .entry(sec.to_owned())
                    .or_default()
                    .insert(folded.clone());
                self.phrases
                    .entry(sec.to_owned())
                    .or_default()
                    .push(folded.split_whitespace().map(str::to_owned).collect());
                self.ordered.entry(sec.to_owned()).or_default().push(folded);
                self.raw
                    .entry(sec.to_owned())
                    .or_default()
                    .push(line.to_owned());
            }
        }
        Ok(())
    }

    fn add_trigger(&mut self, class: EventClass, entry: &str) -> Result<(), String> {
        let mut tokens: Vec<Token> = Vec::new();
        let mut gap = 0usize;
        for part in entry.split_whitespace() {
            if let Some(n) = part.strip_prefix('~') {
                gap = n
                    .parse()
                    .map_err(|_| format!("«{part}»: a gap is ~N with N a number"))?;
                if tokens.is_empty() {
                    return Err("a pattern cannot start with a gap".to_owned());
                }
                continue;
            }
            let (word, exact) = match part.strip_suffix('=') {
                Some(w) => (w, true),
                None => (part, false),
            };
            let keys = if exact {
                vec![fold(word)]
            } else {
                entry_keys(word)
            };
            tokens.push(Token {
                keys,
                exact,
                gap_before: gap,
            });
            gap = 0;
        }
        match tokens.as_slice() {
            [] => Err("an empty trigger".to_owned()),
            [one] => {
                for k in &one.keys {
                    self.words.insert(k.clone(), class);
                }
                Ok(())
            }
            _ => {
                for k in &tokens[0].keys {
                    self.first
                        .entry(k.clone())
                        .or_default()
                        .push(self.patterns.len());
                }
                self.patterns.push(Pattern {
                    class,
                    tokens,
                    text: entry.to_owned(),
                });
                Ok(())
            }
        }
    }

    fn token_matches(&self, t: &Token, word: &str) -> bool {
        if t.exact {
            return stems(word).iter().any(|s| t.keys.iter().any(|k| k == s));
        }
        self.keys(word).iter().any(|k| t.keys.contains(k))
    }

    /// The index of the last word when `tokens` match from word `k`.
    fn match_from(&self, tokens: &[Token], words: &[&str], k: usize) -> Option<usize> {
        let (first, rest) = tokens.split_first()?;
        if !words.get(k).is_some_and(|w| self.token_matches(first, w)) {
            return None;
        }
        let mut at = k;
        for t in rest {
            let hi = (at + 1 + t.gap_before).min(words.len().saturating_sub(1));
            at = (at + 1..=hi).find(|&j| self.token_matches(t, words[j]))?;
        }
        Some(at)
    }

    /// A class by local name.
    pub fn class(&self, local: &str) -> Option<EventClass> {
        self.classes
            .iter()
            .position(|c| c.name == local)
            .and_then(|i| u16::try_from(i).ok())
            .map(EventClass)
    }

    /// True when the lexicon has a list of this name (whatever its entries).
    pub fn defines(&self, list: &str) -> bool {
        self.lists.contains_key(list)
    }

    /// True when the folded word is in the named list.
    pub fn has(&self, list: &str, word: &str) -> bool {
        self.lists.get(list).is_some_and(|s| s.contains(word))
    }

    /// True when the folded word or one of its stems is a stem of an entry of the list
    /// (for guards that must follow the triggers' own stemming).
    pub fn has_stem(&self, list: &str, word: &str) -> bool {
        self.keyed
            .get(list)
            .is_some_and(|set| self.keys(word).iter().any(|k| set.contains(k)))
    }

    /// A list's entries as folded word sequences (multi-word heads), in file order.
    pub fn phrases(&self, list: &str) -> &[Vec<String>] {
        self.phrases.get(list).map_or(&[], Vec::as_slice)
    }

    /// A list's entries as written (not folded), in file order.
    pub fn raw(&self, list: &str) -> &[String] {
        self.raw.get(list).map_or(&[], Vec::as_slice)
    }

    /// A list's folded entries in file order.
    pub fn list(&self, list: &str) -> &[String] {
        self.ordered.get(list).map_or(&[], Vec::as_slice)
    }

    /// The class a single folded word triggers, through any of its keys.
    pub fn trigger(&self, word: &str) -> Option<EventClass> {
        self.trigger_of(word, &self.keys(word))
    }

    /// [`Self::trigger`] with the word's keys already at hand.
    pub fn trigger_of(&self, word: &str, keys: &[String]) -> Option<EventClass> {
        let class = keys.iter().find_map(|k| self.words.get(k).copied())?;
        if stems(word).iter().any(|s| self.has("not_trigger", s)) {
            return None;
        }
        Some(class)
    }

    /// True when some pattern can start with this folded word.
    pub fn starts_pattern(&self, word: &str) -> bool {
        self.keys(word).iter().any(|k| self.first.contains_key(k))
    }

    /// The longest pattern that starts at word `k` of `words` (folded words): its class,
    /// the index of its last word and its text.
    pub fn pattern_at(&self, words: &[&str], k: usize) -> Option<(EventClass, usize, &str)> {
        self.pattern_of(words, k, &self.keys(words.get(k)?))
    }

    /// [`Self::pattern_at`] with the keys of word `k` already at hand.
    pub fn pattern_of(
        &self,
        words: &[&str],
        k: usize,
        keys: &[String],
    ) -> Option<(EventClass, usize, &str)> {
        let mut best: Option<(EventClass, usize, &str)> = None;
        let mut candidates: Vec<usize> = keys
            .iter()
            .filter_map(|key| self.first.get(key))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for p in candidates.iter().filter_map(|&i| self.patterns.get(i)) {
            if let Some(last) = self.match_from(&p.tokens, words, k) {
                if best.is_none_or(|(_, l, _)| last > l) {
                    best = Some((p.class, last, p.text.as_str()));
                }
            }
        }
        best
    }
}

static EXTRA: OnceLock<Vec<(String, String)>> = OnceLock::new();
static LEXICON: OnceLock<Lexicon> = OnceLock::new();

/// Adds lexicon files (name, text) after the shipped one. Must be called before the first
/// extraction; they are parsed at once, so an error names the file and line.
pub fn install(extra: Vec<(String, String)>) -> Result<(), LexiconError> {
    let lex = Lexicon::parse(&extra)?;
    let _ = EXTRA.set(extra);
    LEXICON.set(lex).map_err(|_| LexiconError {
        origin: "lexicon".to_owned(),
        line: 0,
        message: "the lexicon was already in use when more files were added".to_owned(),
    })
}

/// A fingerprint of the extraction in use: the crate version and every lexicon text. An
/// article graph keeps it, so that a new version or a new lexicon file extracts again.
pub fn fingerprint() -> &'static str {
    static FP: OnceLock<String> = OnceLock::new();
    FP.get_or_init(|| {
        let mut text = format!("isnad {}\n{SHIPPED}", env!("CARGO_PKG_VERSION"));
        for (name, body) in EXTRA.get().map_or(&[][..], Vec::as_slice) {
            text.push_str(&format!("\n[file {name}]\n{body}"));
        }
        crate::article::sha256_hex(&text)
    })
}

/// The lexicon in use: the shipped file plus those installed.
pub fn lexicon() -> &'static Lexicon {
    LEXICON.get_or_init(|| {
        Lexicon::parse(EXTRA.get().map_or(&[], Vec::as_slice)).unwrap_or_else(|_| {
            // The shipped file is checked by a unit test; an empty lexicon beats a panic.
            Lexicon::empty(usize::MAX)
        })
    })
}

/// True when the folded word is an entry of the named list of the lexicon in use (for the
/// lists read in one place only; the others have a function of their own below).
pub fn is_in(list: &str, word: &str) -> bool {
    lexicon().has(list, word)
}

/// True when the folded word begins with an entry of the named list (a stem written as
/// its first letters: دخول covers دخولها).
pub fn starts_in(list: &str, word: &str) -> bool {
    lexicon()
        .list(list)
        .iter()
        .any(|e| word.starts_with(e.as_str()))
}

/// True when the folded word ends with an entry of the named list.
pub fn ends_in(list: &str, word: &str) -> bool {
    lexicon()
        .list(list)
        .iter()
        .any(|e| word.ends_with(e.as_str()))
}

/// True when the folded word holds an entry of the named list anywhere (a stem with its
/// clitics around it: عمليه in العمليه، بعمليه).
pub fn contains_in(list: &str, word: &str) -> bool {
    lexicon()
        .list(list)
        .iter()
        .any(|e| word.contains(e.as_str()))
}

/// The named list of the lexicon in use, looked up once.
fn list_set(
    cell: &'static OnceLock<Option<&'static FxHashSet<String>>>,
    name: &str,
) -> Option<&'static FxHashSet<String>> {
    *cell.get_or_init(|| lexicon().lists.get(name))
}

macro_rules! set_fn {
    ($name:ident, $list:literal) => {
        #[doc = concat!("True when the folded word is in the lexicon's `[", $list, "]` list.")]
        pub fn $name(word: &str) -> bool {
            static SET: OnceLock<Option<&'static FxHashSet<String>>> = OnceLock::new();
            list_set(&SET, $list).is_some_and(|s| s.contains(word))
        }
    };
}

set_fn!(is_military_word, "military");

/// True for words of the military field: the list, or a stem of soldiers, forces, arms.
pub fn is_military(word: &str) -> bool {
    static PREFIXES: OnceLock<&'static [String]> = OnceLock::new();
    // وحدات is a word of its own, والقوات is و + القوات: the conjunction is tried off once,
    // never a stem letter.
    super::text::with_proclitic(word, &['و'], |w| {
        is_military_word(w)
            || PREFIXES
                .get_or_init(|| lexicon().list("military_prefixes"))
                .iter()
                .any(|p| w.starts_with(p.as_str()))
    })
}
set_fn!(is_non_event, "non_event");
set_fn!(is_future, "future");
set_fn!(is_call_to, "call_to");
set_fn!(is_launch_present, "launch_present");
set_fn!(is_speaks_for, "speaks_for");
set_fn!(is_after_word, "after_words");
set_fn!(is_still_word, "still_words");
set_fn!(is_another_report, "another_report");

/// True when the word (or a stem of it) is a verb of calling on someone (`[call_verbs]`).
pub fn is_call_verb(word: &str) -> bool {
    lexicon().has_stem("call_verbs", word)
}
set_fn!(is_agreed_marker, "agreed");
set_fn!(is_reporting, "reporting");
set_fn!(is_denial_verb, "denial_verbs");
set_fn!(is_continuation, "continuation");
set_fn!(is_background_marker, "background");
set_fn!(is_narrative_opening, "narrative");
/// True when the word, with or without its proclitics, is one of `[armed_conflict]`: words
/// that place a report in armed conflict rather than crime. Forms are listed, not stemmed:
/// «مسلحون» (gunmen, an armed group) must not reach «مسلحا» (a lone gunman).
pub fn is_armed_conflict_word(word: &str) -> bool {
    let lex = lexicon();
    stems(word).iter().any(|s| lex.has("armed_conflict", s))
}

/// True when the word is a stem of a clash word that is also an everyday word.
pub fn is_ambiguous_clash(word: &str) -> bool {
    lexicon().has_stem("ambiguous_clash", word)
}
set_fn!(is_sport, "sport");
set_fn!(is_launch, "launch");
set_fn!(is_reference, "reference");
set_fn!(is_accusation, "accusation");
set_fn!(is_operation_qualifier, "operation_qualifiers");
set_fn!(is_halted_fighting, "halted_fighting");
set_fn!(is_title_qualifier, "title_qualifiers");
set_fn!(is_disaster, "disaster");
set_fn!(is_projectile, "projectiles");
set_fn!(is_non_ground, "non_ground");
set_fn!(is_non_troop_object, "non_troop_objects");
set_fn!(is_abstract_enemy, "abstract_enemies");
set_fn!(joins_name, "name_joiners");
set_fn!(is_honorific, "honorifics");
set_fn!(is_near_word, "near_words");
set_fn!(is_civil_body, "civil_bodies");
set_fn!(is_last_year_word, "last_year");
set_fn!(is_day_part, "day_parts");
set_fn!(is_this_year_word, "this_year");
set_fn!(is_patronymic, "patronymics");
set_fn!(is_place_before, "place_before");
/// True when the word (or a stem of it, any person or tense) is a verb of `[undergo]`.
pub fn is_undergo(word: &str) -> bool {
    lexicon().has_stem("undergo", word)
}
set_fn!(is_report_marker, "report_markers");
set_fn!(is_exercise, "exercises");
set_fn!(is_demonstrative, "demonstratives");
set_fn!(is_compass, "compass");
set_fn!(is_with_word, "with_words");
set_fn!(is_stopword, "stopwords");
set_fn!(is_war_on, "war_on");
set_fn!(is_demonym_object, "demonym_objects");
set_fn!(is_ministry_anaphor, "ministry_anaphors");
set_fn!(is_name_breaker, "name_breakers");
set_fn!(is_country_anaphor, "country_anaphors");
set_fn!(is_pair_anaphor, "pair_anaphors");
set_fn!(is_group_anaphor, "group_anaphors");
set_fn!(is_sides_word, "sides_words");
set_fn!(is_halt_verb, "halt_verbs");
set_fn!(is_generic_any, "generic_any");
set_fn!(is_battlefield, "battlefield");
set_fn!(is_joint_qualifier, "joint_qualifiers");
set_fn!(is_interview_word, "interview_words");
set_fn!(is_negation, "negations");
set_fn!(is_statement_noun, "statement_nouns");
set_fn!(is_issued_word, "issued_words");
set_fn!(is_negotiation_verb, "negotiation_verbs");
set_fn!(is_signed_by, "signed_by");
set_fn!(is_sign_verb, "sign_verbs");
set_fn!(is_own_forces, "own_forces");
set_fn!(is_launched_by, "launched_by");
set_fn!(is_claim_verb, "claim_verbs");
set_fn!(is_mediation_noun, "mediation_nouns");
set_fn!(is_target_after_act, "targets_after_act");
set_fn!(is_act_verb, "act_verbs");
set_fn!(is_rank, "ranks");
set_fn!(is_agentive_act, "agentive_acts");
set_fn!(is_not_a_name, "not_names");
set_fn!(is_source_qualifier, "source_qualifiers");
set_fn!(is_criminal_justice, "criminal_justice");
set_fn!(is_clause_break, "clause_breaks");
set_fn!(is_day_after, "day_after");
set_fn!(is_day_before, "day_before");

/// True for a word that marks an article as conflict news: the military field, or a word of
/// the lexicon's `[conflict_words]`.
pub fn is_conflict_word(word: &str) -> bool {
    static SET: OnceLock<Option<&'static FxHashSet<String>>> = OnceLock::new();
    is_military(word)
        || stems(word)
            .iter()
            .any(|s| list_set(&SET, "conflict_words").is_some_and(|l| l.contains(*s)))
}
set_fn!(is_group_head, "group_heads");
set_fn!(is_group_modifier, "group_modifiers");
set_fn!(is_group_head_alone, "group_heads_alone");
set_fn!(is_state_bound_head, "state_bound_heads");
set_fn!(is_state_bound_modifier, "state_bound_modifiers");
set_fn!(is_body_head, "body_heads");
set_fn!(is_not_modifier, "not_modifiers");

/// "طرفا النزاع", "طرفي الصراع": the words that introduce the sides of a conflict.
pub fn names_sides(first: &str, second: &str) -> bool {
    lexicon().has("sides_first", first) && lexicon().has("sides_second", second)
}

/// The class a single (folded) word triggers.
pub fn trigger_class(word: &str) -> Option<EventClass> {
    lexicon().trigger(word)
}

/// Denial phrases, folded.
pub fn denial_phrases() -> &'static [String] {
    lexicon().list("denial_phrases")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_are_found_by_their_folded_stem() {
        assert_eq!(trigger_class(&fold("انسحاب")), Some(EventClass::Withdrawal));
        assert_eq!(trigger_class(&fold("اشتباكات")), Some(EventClass::Clash));
        assert_eq!(trigger_class(&fold("هدنة")), Some(EventClass::Ceasefire));
        assert_eq!(trigger_class(&fold("مفاوضات")), Some(EventClass::Talks));
        assert_eq!(trigger_class(&fold("إخلاء")), Some(EventClass::Withdrawal));
        assert_eq!(trigger_class("كتاب"), None);
    }

    #[test]
    fn a_hamza_on_yeh_before_a_pronoun_is_the_noun_with_its_hamza() {
        assert_eq!(trigger_class(&fold("لقائه")), Some(EventClass::Talks));
        assert_eq!(trigger_class(&fold("بلقائهما")), Some(EventClass::Talks));
        assert_eq!(hamza_before_suffix(&fold("سمائه")), Some("سماء".to_owned()));
        assert_eq!(hamza_before_suffix(&fold("كتابه")), None);
    }

    #[test]
    fn lists_are_folded() {
        assert!(is_non_event(&fold("نأمل")));
        assert!(is_denial_verb(&fold("نفى")));
        assert!(is_reporting(&fold("أكدت")));
        assert!(is_continuation(&fold("وأضافت")));
        assert!(denial_phrases().contains(&fold("لا تعكس الحقيقة")));
    }
}

#[cfg(test)]
mod matching_tests {
    use super::*;

    fn words(sentence: &str) -> Vec<String> {
        sentence.split_whitespace().map(fold).collect()
    }

    fn pattern_in(lex: &Lexicon, sentence: &str) -> Option<(EventClass, usize)> {
        let ws = words(sentence);
        let refs: Vec<&str> = ws.iter().map(String::as_str).collect();
        (0..refs.len()).find_map(|k| lex.pattern_at(&refs, k).map(|(c, last, _)| (c, last)))
    }

    #[test]
    fn the_shipped_lexicon_parses() {
        assert!(Lexicon::parse(&[]).is_ok());
        assert!(!lexicon().list("reporting").is_empty());
    }

    #[test]
    fn one_entry_covers_its_inflections() {
        let lex = Lexicon::parse(&[]).unwrap_or_else(|e| panic!("{e}"));
        for form in ["الاشتباكات", "باشتباكات", "اشتباكا", "واشتباك"]
        {
            assert_eq!(lex.trigger(&fold(form)), Some(EventClass::Clash), "{form}");
        }
        assert_eq!(lex.trigger(&fold("بالغارات")), Some(EventClass::Clash));
    }

    #[test]
    fn a_nisba_adjective_is_not_its_noun() {
        let lex = Lexicon::parse(&[]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lex.trigger(&fold("الحربية")), None);
        assert_eq!(lex.trigger(&fold("الاجتماعي")), None);
    }

    #[test]
    fn a_listed_collision_is_no_trigger() {
        let lex = Lexicon::parse(&[]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lex.trigger(&fold("اشتباه")), None);
    }

    #[test]
    fn patterns_allow_modifiers_in_their_gaps() {
        let lex = Lexicon::parse(&[]).unwrap_or_else(|e| panic!("{e}"));
        for s in [
            "أعلن الطرفان وقف إطلاق النار",
            "دعا إلى وقف كامل لإطلاق النار",
            "اتفقا على وقفاً فورياً شاملاً لإطلاق النار",
        ] {
            assert_eq!(
                pattern_in(&lex, s).map(|(c, _)| c),
                Some(EventClass::Ceasefire),
                "{s}"
            );
        }
        // Too many words in the gap: no pattern.
        assert_ne!(
            pattern_in(&lex, "وقف المصنع عن العمل بعد إطلاق النار").map(|(c, _)| c),
            Some(EventClass::Ceasefire)
        );
    }

    #[test]
    fn a_new_class_and_trigger_come_from_data_alone() {
        let extra = "[class PrisonerExchange]\nlabel@en Prisoner exchange\nlabel@ar تبادل الأسرى\nlike Agreement\n\n[trigger PrisonerExchange]\nتبادل ~1 الأسرى\n\n[trigger Clash]\nمناوشات\n";
        let lex =
            Lexicon::parse(&[("extra.txt".into(), extra.into())]).unwrap_or_else(|e| panic!("{e}"));
        let class = lex
            .class("PrisonerExchange")
            .unwrap_or_else(|| panic!("declared"));
        assert!(class.0 >= 6);
        assert_eq!(
            pattern_in(&lex, "أتم الجانبان تبادل جميع الأسرى أمس").map(|(c, _)| c),
            Some(class)
        );
        assert_eq!(lex.trigger(&fold("المناوشات")), Some(EventClass::Clash));
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let bad = "[trigger Clash]\nقصف\n[trigger Nonsense]\nشيء\n";
        let e = Lexicon::parse(&[("mine.txt".into(), bad.into())]).err();
        assert_eq!(
            e.map(|e| (e.origin, e.line)),
            Some(("mine.txt".to_owned(), 3))
        );
        let e = Lexicon::parse(&[("g.txt".into(), "[trigger Clash]\nوقف ~x النار\n".into())]).err();
        assert_eq!(e.map(|e| e.line), Some(2));
        let e = Lexicon::parse(&[("h.txt".into(), "قصف\n".into())]).err();
        assert_eq!(e.map(|e| e.line), Some(1));
        let e = Lexicon::parse(&[("n.txt".into(), "[number_words]\nمئة 100\nألف\n".into())]).err();
        assert_eq!(e.map(|e| e.line), Some(3));
    }
}
