//! Actors and places in a sentence: gazetteer matches, compositional names (a ministry, an
//! army or a peacekeeping contingent of a state), open-world people and villages recognised
//! by pattern, and anaphora resolved to the entity in focus (الإقليم، البلاد، الطرفين).

use super::doc::Doc;
use super::gazetteer::{Entity, Form, Gazetteer, Kind, Match};
use super::lexicon;
use super::text::{stems, words, Readings, Sentence, Word};
use crate::normalize::fold;
use crate::vocab::ID;

/// The IRI path of unnamed sources (مصدر عسكري).
const SOURCE_PATH: &str = "source/";

/// An entity as extraction sees it: from the gazetteer or made here.
#[derive(Debug, Clone, PartialEq)]
pub struct Ent {
    /// IRI.
    pub iri: String,
    /// Class.
    pub kind: Kind,
    /// Arabic label.
    pub label_ar: String,
    /// English label (may be empty for open-world entities).
    pub label_en: String,
    /// What it is part of (its state).
    pub part_of: Option<String>,
    /// A role or title stated with an open-world person.
    pub role: Option<String>,
    /// True when the entity is not in the gazetteer and must be declared in the article graph.
    pub new: bool,
}

impl Ent {
    /// From a gazetteer entry.
    pub fn from_gazetteer(e: &Entity) -> Self {
        Self {
            iri: e.iri.clone(),
            kind: e.kind.unwrap_or(Kind::Organization),
            label_ar: e.label_ar.clone(),
            label_en: e.label_en.clone(),
            part_of: e.part_of.clone(),
            role: None,
            new: false,
        }
    }

    /// The state an actor belongs to (itself for a state), following `partOf` once more
    /// through the gazetteer.
    /// An unnamed source (مصدر عسكري): it speaks, but takes no part in an event.
    pub fn is_unnamed_source(&self) -> bool {
        self.iri.starts_with(&format!("{ID}{SOURCE_PATH}"))
    }

    pub fn root(&self, gazetteer: &Gazetteer) -> String {
        let mut iri = self.iri.clone();
        let mut kind = Some(self.kind);
        let mut parent = self.part_of.clone();
        for _ in 0..4 {
            if kind == Some(Kind::State) {
                break;
            }
            let Some(p) = parent else { break };
            let e = gazetteer.get(&p);
            kind = e.and_then(|e| e.kind);
            parent = e.and_then(|e| e.part_of.clone());
            iri = p;
        }
        iri
    }
}

/// How an entity was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// By a gazetteer form.
    Gazetteer(Form),
    /// By a head noun and a state (وزارة الدفاع الروسية).
    Composite,
    /// By an open-world pattern (title + name, قرية X).
    Pattern,
    /// By anaphora (الإقليم، البلاد، الطرفين).
    Anaphora,
}

/// One entity found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The entity.
    pub ent: Ent,
    /// Start byte in the folded text.
    pub start: usize,
    /// End byte in the folded text.
    pub end: usize,
    /// How.
    pub how: How,
}

/// What the article is talking about, carried from sentence to sentence.
#[derive(Debug, Clone, Default)]
pub struct Focus {
    /// The region last named.
    pub region: Option<Ent>,
    /// States last named, most recent last, without repeats.
    pub states: Vec<Ent>,
    /// Ministries last named, most recent last (for الوزارة, وزارة الدفاع).
    pub ministries: Vec<Ent>,
    /// The sides of the conflict as the article named them (طرفا النزاع، X وY), for
    /// الطرفين when they are not two states.
    pub sides: Vec<Ent>,
    /// People the article named in full (فيليب هاموند), for their family name alone later
    /// (وقال هاموند).
    pub persons: Vec<Ent>,
    /// Armed groups and bodies last named (تنظيم الدولة الإسلامية، حركة الشباب), most
    /// recent last, for «التنظيم»، «الحركة» later.
    pub groups: Vec<Ent>,
}

impl Focus {
    fn note_state(&mut self, ent: &Ent) {
        self.states.retain(|s| s.iri != ent.iri);
        self.states.push(ent.clone());
    }
}

macro_rules! heads_fn {
    ($name:ident, $list:literal) => {
        #[doc = concat!("The lexicon's `[", $list, "]`: multi-word heads, folded.")]
        fn $name() -> &'static [Vec<String>] {
            static LIST: std::sync::OnceLock<&'static [Vec<String>]> = std::sync::OnceLock::new();
            LIST.get_or_init(|| lexicon::lexicon().phrases($list))
        }
    };
}
heads_fn!(agency_heads, "agency_heads");
heads_fn!(source_heads, "source_heads");
heads_fn!(force_heads, "force_heads");
heads_fn!(peacekeeping_heads, "peacekeeping_heads");
heads_fn!(state_heads, "state_heads");
heads_fn!(titles, "titles");
heads_fn!(role_heads, "role_heads");
heads_fn!(place_heads, "place_heads");

/// Ministries' departments from the lexicon: (folded name, Arabic name, English name).
fn departments() -> &'static [(String, String, String)] {
    static LIST: std::sync::OnceLock<Vec<(String, String, String)>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        lexicon::lexicon()
            .raw("departments")
            .iter()
            .filter_map(|line| {
                let (ar, en) = line.split_once('|')?;
                let ar = ar.trim();
                Some((fold(ar), ar.to_owned(), en.trim().to_owned()))
            })
            .collect()
    })
}

/// A word that cannot continue a person's name: an event trigger or a reporting verb.
fn ends_name(word: &str) -> bool {
    let bare = word.trim_start_matches('و');
    lexicon::trigger_class(bare).is_some()
        || lexicon::trigger_class(bare.trim_start_matches("ال")).is_some()
        || lexicon::is_reporting(bare)
        || lexicon::is_not_a_name(bare)
}

/// True when the word at byte `start` comes within four words after a mediation marker
/// (بوساطة، برعاية، وساطة): بوساطة من السعودية والولايات المتحدة names two mediators.
fn after_mediation(text: &str, ws: &[Word], start: usize) -> bool {
    let Some(i) = ws.iter().position(|w| w.start == start) else {
        return false;
    };
    (i.saturating_sub(4)..i).any(|j| {
        let x = &text[ws[j].start..ws[j].end];
        lexicon::contains_in("auspices_nouns", x)
    })
}

fn is_stopword(w: &str) -> bool {
    lexicon::is_stopword(w)
}

/// A word of a person's name. أل with a hamza (ألكسندر، إلهام) is not the article, though it
/// folds like it.
fn person_name_word(doc: &Doc<'_>, text: &str, w: &Word) -> bool {
    let word = &text[w.start..w.end];
    name_like(word)
        || (doc.original(w.start, w.end).starts_with(['أ', 'إ', 'آ'])
            && word.starts_with("ال")
            && word.chars().count() >= 4
            && !is_stopword(word)
            && !word.chars().any(|c| c.is_ascii_digit()))
}

/// A word that can be part of a proper name: not a stopword, no article, not a number.
fn name_like(w: &str) -> bool {
    w.chars().count() >= 2
        && !is_stopword(w)
        && !w.starts_with("ال")
        && !w.starts_with("وال")
        && !w.chars().any(|c| c.is_ascii_digit())
}

/// Every list of multi-word heads.
const HEAD_LISTS: [&str; 7] = [
    "source_heads",
    "agency_heads",
    "force_heads",
    "peacekeeping_heads",
    "state_heads",
    "titles",
    "role_heads",
];

/// Every folded first word of a head, with and without its article.
fn head_first_words() -> &'static rustc_hash::FxHashSet<String> {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let mut set = rustc_hash::FxHashSet::default();
        let lex = lexicon::lexicon();
        let firsts = HEAD_LISTS
            .iter()
            .flat_map(|l| lex.phrases(l).iter().filter_map(|h| h.first()))
            .chain(lex.list("place_heads"))
            .chain(lex.list("head_starts"));
        for f in firsts {
            if let Some(bare) = f.strip_prefix("ال") {
                set.insert(bare.to_owned());
            }
            set.insert(f.clone());
        }
        set
    })
}

/// Matches `pattern` at word `i`; the first word may carry proclitics (`stems` holds each
/// word's forms without them).
fn head_at<S: AsRef<str>>(
    text: &str,
    ws: &[Word],
    stems: &[Readings],
    i: usize,
    pattern: &[S],
) -> bool {
    if i + pattern.len() > ws.len() {
        return false;
    }
    pattern.iter().enumerate().all(|(k, p)| {
        let p = p.as_ref();
        if k == 0 {
            stems[i]
                .iter()
                .any(|s| *s == p || p.strip_prefix("ال") == Some(*s))
        } else {
            &text[ws[i + k].start..ws[i + k].end] == p
        }
    })
}

fn only_spaces_between(text: &str, a: &Word, b: &Word) -> bool {
    text[a.end..b.start].chars().all(|c| c == ' ')
}

/// The local part of an entity IRI made from its name: its runs of letters and digits joined
/// by hyphens (a control character or a quote inside a name never reaches an IRI; the fuzzer
/// found a NUL byte in a name that made an invalid IRI).
fn slug(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn iso(state: &Ent) -> String {
    state.iri.rsplit('/').next().unwrap_or("x").to_owned()
}

/// Recognises the entities of one sentence. `matches` are the gazetteer matches of the whole
/// text; `focus` carries the entities in focus from earlier sentences and is updated.
pub fn recognise(
    doc: &Doc<'_>,
    sentence: &Sentence,
    matches: &[Match],
    gazetteer: &Gazetteer,
    focus: &mut Focus,
) -> Vec<Found> {
    let text = doc.text();
    let ws = words(text, sentence.start, sentence.end);
    let st: Vec<Readings> = ws.iter().map(|w| stems(&text[w.start..w.end])).collect();
    let word_at = |pos: usize| ws.iter().position(|w| w.start == pos);
    let mut found: Vec<Found> = matches
        .iter()
        .filter(|m| m.start >= sentence.start && m.end <= sentence.end)
        .map(|m| Found {
            ent: Ent::from_gazetteer(&gazetteer.entities[m.entity]),
            start: m.start,
            end: m.end,
            how: How::Gazetteer(m.form),
        })
        .collect();
    // الأمير تركي بن عبدالله: a state's form right after an honorific or right before a
    // patronymic is a person's name.
    found.retain(|f| {
        if f.ent.kind != Kind::State {
            return true;
        }
        let first = word_at(f.start);
        let last = ws.iter().rposition(|w| w.end <= f.end);
        let prev = first
            .and_then(|i| i.checked_sub(1))
            .map(|p| &text[ws[p].start..ws[p].end]);
        let next = last
            .and_then(|i| ws.get(i + 1))
            .map(|w| &text[w.start..w.end]);
        !(prev.is_some_and(lexicon::is_honorific) || next.is_some_and(lexicon::is_patronymic))
    });
    // A metonym after a locative preposition is the place itself (في باكو).
    for f in &mut found {
        if f.how == How::Gazetteer(Form::Metonym) {
            if let Some(i) = word_at(f.start) {
                let prev = i.checked_sub(1).map(|p| &text[ws[p].start..ws[p].end]);
                let word = &text[ws[i].start..ws[i].end];
                let locative = prev.is_some_and(|p| lexicon::is_in("locative_before", p))
                    || lexicon::starts_in("in_words", word);
                if locative {
                    if let Some(place) = gazetteer
                        .entities
                        .iter()
                        .find(|e| e.kind == Some(Kind::Place) && e.label_ar == f.ent.label_ar)
                    {
                        f.ent = Ent::from_gazetteer(place);
                    }
                }
            }
        }
    }

    let mut composites: Vec<Found> = Vec::new();
    let mut consumed: Vec<(usize, usize)> = Vec::new();
    let state_at = |pos: usize, found: &[Found]| -> Option<Found> {
        found
            .iter()
            .find(|f| f.start == pos && f.ent.kind == Kind::State)
            .cloned()
    };
    let starts = head_first_words();
    let mut i = 0;
    while i < ws.len() {
        // Most words begin no head: skip them at once.
        let ministry_anaphor = lexicon::is_ministry_anaphor(&text[ws[i].start..ws[i].end]);
        if !ministry_anaphor && !st[i].iter().any(|s| starts.contains(*s)) {
            i += 1;
            continue;
        }
        let mut advanced = false;
        // Peacekeeping contingents: قوات حفظ السلام الروسية / التابعة لموسكو / التابعة لها.
        for head in peacekeeping_heads() {
            if !head_at(text, &ws, &st, i, head) {
                continue;
            }
            let mut j = i + head.len();
            let mut state = None;
            if j < ws.len() {
                let w = &text[ws[j].start..ws[j].end];
                if lexicon::is_in("affiliation_words", w) {
                    j += 1;
                    if j < ws.len() {
                        let w = &text[ws[j].start..ws[j].end];
                        if lexicon::is_in("to_it_words", w) {
                            state = own_state(&found, sentence.start, ws[i].start, gazetteer);
                        }
                    }
                }
                if state.is_none() && j < ws.len() {
                    state = state_at(ws[j].start, &found).map(|f| f.ent);
                }
            }
            let end_word = if state.is_some() {
                j
            } else {
                i + head.len() - 1
            };
            let ent = peacekeepers(state.as_ref());
            composites.push(Found {
                ent,
                start: ws[i].start,
                end: ws[end_word.min(ws.len() - 1)].end,
                how: How::Composite,
            });
            consumed.push((ws[i].start, ws[end_word.min(ws.len() - 1)].end));
            i = end_word + 1;
            advanced = true;
            break;
        }
        if advanced {
            continue;
        }
        // Ministries: وزارة الدفاع الروسية / وزارة الدفاع في أذربيجان.
        let ministry = lexicon::lexicon()
            .phrases("ministry_heads")
            .iter()
            .any(|h| head_at(text, &ws, &st, i, h));
        if ministry && i + 1 < ws.len() {
            let dept = &text[ws[i + 1].start..ws[i + 1].end];
            if let Some((_, ar, en)) = departments().iter().find(|(f, _, _)| f == dept) {
                let mut j = i + 2;
                if j < ws.len() && lexicon::is_in("in_words", &text[ws[j].start..ws[j].end]) {
                    j += 1;
                }
                if let Some(state) = ws.get(j).and_then(|w| state_at(w.start, &found)) {
                    let s = &state.ent;
                    let named = gazetteer
                        .get(&s.iri)
                        .and_then(Entity::feminine_demonym)
                        .unwrap_or_else(|| format!("في {}", s.label_ar));
                    composites.push(Found {
                        ent: Ent {
                            iri: format!(
                                "{ID}org/{}-ministry-{}",
                                iso(s),
                                en.to_lowercase().replace(' ', "-")
                            ),
                            kind: Kind::Organization,
                            label_ar: format!("وزارة {ar} {named}"),
                            label_en: format!("Ministry of {en} of {}", s.label_en),
                            part_of: Some(s.iri.clone()),
                            role: None,
                            new: true,
                        },
                        start: ws[i].start,
                        end: ws[j].end,
                        how: How::Composite,
                    });
                    consumed.push((ws[i].start, ws[j].end));
                    i = j + 1;
                    continue;
                }
                // وزارة الدفاع with no state: the ministry of that department in focus.
                let known = focus
                    .ministries
                    .iter()
                    .rev()
                    .find(|m| {
                        m.iri.ends_with(&format!(
                            "-ministry-{}",
                            en.to_lowercase().replace(' ', "-")
                        ))
                    })
                    .cloned();
                if let Some(m) = known {
                    composites.push(Found {
                        ent: m,
                        start: ws[i].start,
                        end: ws[i + 1].end,
                        how: How::Anaphora,
                    });
                    i += 2;
                    continue;
                }
            }
        }
        // الوزارة: the ministry in focus.
        if lexicon::is_ministry_anaphor(&text[ws[i].start..ws[i].end]) {
            if let Some(m) = focus.ministries.last().cloned() {
                composites.push(Found {
                    ent: m,
                    start: ws[i].start,
                    end: ws[i].end,
                    how: How::Anaphora,
                });
                i += 1;
                continue;
            }
        }
        // Titles: الرئيس الفرنسي إيمانويل ماكرون, وزير الخارجية المصري سامح شكري.
        // A title of several words names a person without a nationality too (رئيس الوزراء
        // حيدر العبادي); a one-word title (الرئيس) needs the nationality.
        if let Some(head) = titles().iter().find(|h| head_at(text, &ws, &st, i, h)) {
            let j = i + head.len();
            let state = ws.get(j).and_then(|w| state_at(w.start, &found));
            // الرئيس عبد ربه منصور هادي، الملك سلمان بن عبد العزيز: a one-word title before
            // a compound name (عبد، أبو، بن) names a person too.
            let stateless_title_ok = ws.get(j).zip(ws.get(j + 1)).is_some_and(|(a, b)| {
                lexicon::joins_name(&text[a.start..a.end])
                    || lexicon::joins_name(&text[b.start..b.end])
            });
            if state.is_some() || head.len() >= 2 || stateless_title_ok {
                let after = j + usize::from(state.is_some());
                // الرئيس الأمريكي الأسبق …, وزير الخارجية الإيراني السابق …
                let qualified = ws
                    .get(after)
                    .is_some_and(|w| lexicon::is_title_qualifier(&text[w.start..w.end]));
                let mut k = after + usize::from(qualified);
                // المتحدث العسكري الليبي العقيد X Y: a rank before the name.
                if ws
                    .get(k)
                    .is_some_and(|w| lexicon::is_rank(&text[w.start..w.end]))
                {
                    k += 1;
                }
                let person = ws
                    .get(k)
                    .and_then(|w| {
                        found
                            .iter()
                            .find(|f| f.start == w.start && f.ent.kind == Kind::Person)
                    })
                    .cloned();
                if let Some(p) = person {
                    consumed.push((ws[i].start, state.as_ref().map_or(ws[j - 1].end, |s| s.end)));
                    composites.push(Found {
                        start: ws[i].start,
                        ..p
                    });
                    i = k + 1;
                    continue;
                }
                // A compound name (عبد ربه منصور هادي) may run to four words.
                let longest = if stateless_title_ok { 4 } else { 3 };
                let name_words: Vec<&Word> = ws[k.min(ws.len())..]
                    .iter()
                    .take(longest)
                    .enumerate()
                    .take_while(|(n, w)| {
                        let word = &text[w.start..w.end];
                        // A family name may be a nisba with the article: ماجد الأنصاري.
                        let nisba = *n >= 1
                            && word.starts_with("ال")
                            && word.ends_with('ي')
                            && word.chars().count() >= 5
                            && !is_stopword(word);
                        // عبد الله، أبو الغيط
                        let compound = *n >= 1
                            && word.starts_with("ال")
                            && lexicon::joins_name(&text[ws[k + *n - 1].start..ws[k + *n - 1].end]);
                        let nisba = nisba || compound;
                        // A third word that is an event word or a verb of saying ends the
                        // name: أعلن الوزير X Y انسحاب…
                        // Without a nationality, a verb or an act after the title is no name,
                        // nor another title (رئيس الوزراء X Y محافظ …); the family name may
                        // carry the article (وزير الخارجية عادل الجبير).
                        let plain = state.is_some()
                            || !(lexicon::is_reporting(word)
                                || lexicon::trigger_class(word).is_some()
                                || starts.contains(word));
                        let family = *n == 1
                            && word.starts_with("ال")
                            && word.chars().count() >= 5
                            && !is_stopword(word);
                        (person_name_word(doc, text, w) || nisba || family)
                            && plain
                            && !(*n >= 2 && ends_name(word))
                            && !found.iter().any(|f| f.start == w.start)
                    })
                    .map(|(_, w)| w)
                    .collect();
                let name_words = contiguous(text, &ws[k - 1], &name_words);
                if name_words.len() >= 2 {
                    let last = name_words[name_words.len() - 1];
                    let name = doc.original(name_words[0].start, last.end).to_owned();
                    let role = doc.original(ws[i].start, ws[j - 1].end).to_owned();
                    composites.push(Found {
                        ent: open_person(&name, &role, state.as_ref().map(|s| &s.ent)),
                        start: ws[i].start,
                        end: last.end,
                        how: How::Pattern,
                    });
                    consumed.push((ws[i].start, last.end));
                    i = k + name_words.len();
                    continue;
                }
            }
        }
        // An unnamed source: مصدر عسكري، مصادر أمنية تركية. A claimant, never a side.
        if let Some(head) = source_heads()
            .iter()
            .find(|h| head_at(text, &ws, &st, i, h))
        {
            let j = i + head.len();
            let qualifier = ws
                .get(j)
                .is_some_and(|w| lexicon::is_source_qualifier(&text[w.start..w.end]));
            if qualifier {
                let state = ws.get(j + 1).and_then(|w| state_at(w.start, &found));
                let end = state.as_ref().map_or(ws[j].end, |f| f.end);
                // والمصدر: the proclitics are not part of the name.
                let start = ws[i].end - head[0].len();
                let label = doc.original(start, end).to_owned();
                composites.push(Found {
                    ent: Ent {
                        iri: format!("{ID}{SOURCE_PATH}{}", slug(&fold(&label))),
                        kind: Kind::Organization,
                        label_ar: label,
                        label_en: String::new(),
                        part_of: state.as_ref().map(|f| f.ent.iri.clone()),
                        role: None,
                        new: true,
                    },
                    start,
                    end,
                    how: How::Pattern,
                });
                consumed.push((start, end));
                i = j + 1 + usize::from(state.is_some());
                continue;
            }
        }
        // A state's news agency the gazetteer does not know: وكالة الأنباء الكويتية.
        if let Some(head) = agency_heads()
            .iter()
            .find(|h| head_at(text, &ws, &st, i, h))
        {
            let j = i + head.len();
            if let Some(state) = ws.get(j).and_then(|w| state_at(w.start, &found)) {
                let label = doc.original(ws[i].start, state.end).to_owned();
                composites.push(Found {
                    ent: Ent {
                        iri: format!("{ID}agency/{}", slug(&fold(&label))),
                        kind: Kind::NewsAgency,
                        label_ar: label,
                        label_en: String::new(),
                        part_of: Some(state.ent.iri.clone()),
                        role: None,
                        new: true,
                    },
                    start: ws[i].start,
                    end: state.end,
                    how: How::Composite,
                });
                consumed.push((ws[i].start, state.end));
                i = j + 1;
                continue;
            }
        }
        // Armed forces of a state: الجيش الأذربيجاني, قوات باكو, القوات المسلحة الأرمينية.
        if let Some(head) = force_heads().iter().find(|h| head_at(text, &ws, &st, i, h)) {
            let j = i + head.len();
            if let Some(state) = ws.get(j).and_then(|w| state_at(w.start, &found)) {
                let mut end = state.end;
                // الكتيبة الروسية لحفظ السلام
                let peace = ws.get(j + 1).zip(ws.get(j + 2)).is_some_and(|(a, b)| {
                    lexicon::lexicon()
                        .phrases("peacekeeping_after_forces")
                        .iter()
                        .any(|p| {
                            p.len() == 2
                                && text[a.start..a.end] == p[0]
                                && text[b.start..b.end] == p[1]
                        })
                });
                let ent = if peace {
                    end = ws[j + 2].end;
                    peacekeepers(Some(&state.ent))
                } else {
                    armed_forces(&state.ent, gazetteer)
                };
                composites.push(Found {
                    ent,
                    start: ws[i].start,
                    end,
                    how: How::Composite,
                });
                consumed.push((ws[i].start, end));
                i = j + 1;
                continue;
            }
        }
        if lexicon::lexicon()
            .phrases("battalion_heads")
            .iter()
            .any(|h| head_at(text, &ws, &st, i, h))
        {
            if let Some(state) = ws.get(i + 1).and_then(|w| state_at(w.start, &found)) {
                let end = ws.get(i + 3).map_or(state.end, |w| w.end);
                composites.push(Found {
                    ent: peacekeepers(Some(&state.ent)),
                    start: ws[i].start,
                    end,
                    how: How::Composite,
                });
                consumed.push((ws[i].start, end));
                i += 2;
                continue;
            }
        }
        // The state itself: الجانب الأذربيجاني, السلطات الأذربيجانية.
        if let Some(head) = state_heads().iter().find(|h| head_at(text, &ws, &st, i, h)) {
            let j = i + head.len();
            if let Some(state) = ws.get(j).and_then(|w| state_at(w.start, &found)) {
                consumed.push((state.start, state.end));
                composites.push(Found {
                    start: ws[i].start,
                    how: How::Composite,
                    ..state
                });
                i = j + 1;
                continue;
            }
        }
        // Villages and towns not in the gazetteer: قرية X.
        if place_heads().iter().any(|h| head_at(text, &ws, &st, i, h)) {
            if let Some(next) = ws.get(i + 1) {
                let covered = found.iter().any(|f| f.start == next.start);
                let w = &text[next.start..next.end];
                // مدينة الرمادي: a town's name may carry the article.
                let with_article = w.starts_with("ال")
                    && w.chars().count() >= 5
                    && !is_stopword(w)
                    && lexicon::trigger_class(w).is_none()
                    && !lexicon::is_not_modifier(w);
                if !covered
                    && (name_like(w) || with_article)
                    && only_spaces_between(text, &ws[i], next)
                {
                    // A second name-like word belongs to the name (تل عدس، دير الزور is in
                    // the gazetteer or has an article).
                    let second = ws.get(i + 2).filter(|x| {
                        name_like(&text[x.start..x.end])
                            && !ends_name(&text[x.start..x.end])
                            && !lexicon::is_name_breaker(&text[x.start..x.end])
                            && !lexicon::is_compass(&text[x.start..x.end])
                            && only_spaces_between(text, next, x)
                            && !found.iter().any(|f| f.start == x.start)
                    });
                    let last = second.unwrap_or(next);
                    let w = &text[next.start..last.end];
                    let name = doc.original(next.start, last.end).to_owned();
                    let next = &Word {
                        start: next.start,
                        end: last.end,
                    };
                    composites.push(Found {
                        ent: Ent {
                            iri: format!("{ID}place/{}", slug(w)),
                            kind: Kind::Place,
                            label_ar: name,
                            label_en: String::new(),
                            part_of: None,
                            role: None,
                            new: true,
                        },
                        start: next.start,
                        end: next.end,
                        how: How::Pattern,
                    });
                    i += if second.is_some() { 3 } else { 2 };
                    continue;
                }
            }
        }
        // Role phrases ending in a name: المتحدث باسم الصليب الأحمر في المدينة يوهان مولر “…
        if let Some(head) = role_heads().iter().find(|h| head_at(text, &ws, &st, i, h)) {
            if let Some((name_start, name_end, after)) =
                role_name(text, &ws, i + head.len(), &found)
            {
                let name = doc
                    .original(ws[name_start].start, ws[name_end].end)
                    .to_owned();
                let role = doc.original(ws[i].start, ws[name_start - 1].end).to_owned();
                // The body he speaks for: a state named in the role, else the first
                // organisation or force (المتحدث باسم الحركة المسلحة X Y).
                let within: Vec<&Found> = found
                    .iter()
                    .filter(|f| f.start > ws[i].start && f.end < ws[name_start].start)
                    .collect();
                let state = within
                    .iter()
                    .find(|f| f.ent.kind == Kind::State)
                    .or_else(|| {
                        within
                            .iter()
                            .find(|f| matches!(f.ent.kind, Kind::Organization | Kind::ArmedForce))
                    })
                    .map(|f| f.ent.clone());
                composites.push(Found {
                    ent: open_person(&name, &role, state.as_ref()),
                    start: ws[i].start,
                    end: ws[name_end].end,
                    how: How::Pattern,
                });
                consumed.push((ws[i].start, ws[name_end].end));
                i = after;
                continue;
            }
        }
        i += 1;
    }
    found.retain(|f| !consumed.iter().any(|(s, e)| f.start >= *s && f.end <= *e));
    found.retain(|f| {
        !composites
            .iter()
            .any(|c| f.start < c.end && c.start < f.end)
    });
    found.extend(composites);

    // Anaphora.
    for (k, w) in ws.iter().enumerate() {
        if found.iter().any(|f| w.start >= f.start && w.start < f.end) {
            continue;
        }
        let word = &text[w.start..w.end];
        // عناصر التنظيم، مقاتلو الحركة: after a group head the noun completes that group.
        let after_head = k > 0
            && stems(&text[ws[k - 1].start..ws[k - 1].end])
                .iter()
                .any(|s| lexicon::is_group_head(s));
        if let Some(g) = group_anaphor(focus, &found, word).filter(|_| !after_head) {
            found.push(Found {
                ent: g,
                start: w.start,
                end: w.end,
                how: How::Anaphora,
            });
            continue;
        }
        if let Some(p) = named_before(focus, &found, word) {
            found.push(Found {
                ent: p,
                start: w.start,
                end: w.end,
                how: How::Anaphora,
            });
            continue;
        }
        let st = stems(word);
        let region = st.iter().any(|s| lexicon::is_in("region_heads", s)) && word.contains("ال");
        let next_is_place = ws.get(k + 1).is_some_and(|n| {
            found
                .iter()
                .any(|f| f.start == n.start && f.ent.kind == Kind::Place)
        });
        if region && !next_is_place {
            if let Some(r) = &focus.region {
                found.push(Found {
                    ent: r.clone(),
                    start: w.start,
                    end: w.end,
                    how: How::Anaphora,
                });
            }
        } else if lexicon::is_country_anaphor(word) {
            let own = own_state(&found, sentence.start, w.start, gazetteer)
                .or_else(|| focus.states.last().cloned());
            if let Some(s) = own {
                found.push(Found {
                    ent: s,
                    start: w.start,
                    end: w.end,
                    how: How::Anaphora,
                });
            }
        } else if lexicon::is_pair_anaphor(word) {
            // The two states last named, counting this sentence's own up to here.
            let mut recent = focus.clone();
            let mut before: Vec<&Found> = found.iter().filter(|f| f.start < w.start).collect();
            before.sort_by_key(|f| f.start);
            for f in before {
                // بوساطة روسية names a mediator, not one of the two sides.
                let mediator = ws
                    .iter()
                    .position(|x| x.start == f.start)
                    .and_then(|p| p.checked_sub(1))
                    .is_some_and(|p| {
                        let x = &text[ws[p].start..ws[p].end];
                        lexicon::contains_in("mediation_stems", x)
                            || lexicon::is_in("from_prepositions", x)
                                && p > 0
                                && lexicon::contains_in(
                                    "mediation_stems",
                                    &text[ws[p - 1].start..ws[p - 1].end],
                                )
                    });
                if f.ent.kind.is_actor() && f.ent.kind != Kind::NewsAgency && !mediator {
                    let root = f.ent.root(gazetteer);
                    if let Some(e) = gazetteer.get(&root).filter(|e| e.kind == Some(Kind::State)) {
                        recent.note_state(&Ent::from_gazetteer(e));
                    }
                }
            }
            // الطرفين are the sides the article named, when it named them; البلدين are
            // the two states last named.
            let sides_word = lexicon::is_sides_word(word);
            let pair: Vec<Ent> = if sides_word && !focus.sides.is_empty() {
                focus.sides.clone()
            } else if recent.states.len() >= 2 {
                recent.states[recent.states.len() - 2..].to_vec()
            } else {
                Vec::new()
            };
            for s in pair {
                found.push(Found {
                    ent: s,
                    start: w.start,
                    end: w.end,
                    how: How::Anaphora,
                });
            }
        }
    }
    found.sort_by(|a, b| a.start.cmp(&b.start).then(a.ent.iri.cmp(&b.ent.iri)));
    found.dedup_by(|a, b| a.start == b.start && a.ent.iri == b.ent.iri);

    // طرفا النزاع في السودان، الجيش السوداني وقوات الدعم السريع: the sides named.
    if let Some(p) = (0..ws.len().saturating_sub(1)).find(|&j| {
        lexicon::names_sides(
            &text[ws[j].start..ws[j].end],
            &text[ws[j + 1].start..ws[j + 1].end],
        )
    }) {
        let limit = ws.get(p + 12).map_or(usize::MAX, |w| w.end);
        let sides: Vec<Ent> = found
            .iter()
            .filter(|f| f.start > ws[p].start && f.start < limit)
            .filter(|f| f.ent.kind.is_actor() && f.ent.kind != Kind::NewsAgency)
            .filter(|f| !after_mediation(text, &ws, f.start))
            .map(|f| f.ent.clone())
            .collect();
        if !sides.is_empty() {
            focus.sides = sides;
        }
    }
    for f in &found {
        if f.ent.kind == Kind::Person && f.how != How::Anaphora {
            focus.persons.retain(|p| p.iri != f.ent.iri);
            focus.persons.push(f.ent.clone());
        }
        if matches!(f.ent.kind, Kind::ArmedForce | Kind::Organization)
            && f.how != How::Anaphora
            && !f.ent.is_unnamed_source()
        {
            focus.groups.retain(|g| g.iri != f.ent.iri);
            focus.groups.push(f.ent.clone());
        }
        if f.ent.iri.contains("-ministry-") {
            focus.ministries.retain(|m| m.iri != f.ent.iri);
            focus.ministries.push(f.ent.clone());
        }
        if f.ent.kind == Kind::Place && f.how != How::Anaphora {
            focus.region = Some(f.ent.clone());
        }
        // Mediators (بوساطة من السعودية والولايات المتحدة) are not sides in focus.
        if f.ent.kind.is_actor()
            && f.ent.kind != Kind::NewsAgency
            && !after_mediation(text, &ws, f.start)
        {
            let root = f.ent.root(gazetteer);
            if let Some(e) = gazetteer.get(&root).filter(|e| e.kind == Some(Kind::State)) {
                focus.note_state(&Ent::from_gazetteer(e));
            }
        }
    }
    found
}

/// The words after a head that end in a two-word name followed by a quote, colon, comma,
/// dash or the end of the sentence: (first name word, last name word, next word index).
fn role_name(
    text: &str,
    ws: &[Word],
    from: usize,
    found: &[Found],
) -> Option<(usize, usize, usize)> {
    let limit = (from + 9).min(ws.len());
    for k in from + 1..limit {
        let (a, b) = (&ws[k - 1], &ws[k]);
        let wa = &text[a.start..a.end];
        let wb = &text[b.start..b.end];
        // عبد الفتاح، أبو الغيط: the article belongs to the name after these.
        let compound = |k: usize, word: &str| {
            k > 0
                && word.starts_with("ال")
                && lexicon::joins_name(&text[ws[k - 1].start..ws[k - 1].end])
        };
        let like_a = name_like(wa) || compound(k - 1, wa);
        let like_b = name_like(wb) || compound(k, wb);
        if !(like_a && like_b && only_spaces_between(text, a, b)) {
            continue;
        }
        if found
            .iter()
            .any(|f| f.start == a.start || f.start == b.start)
        {
            continue;
        }
        let rest = text[b.end..].trim_start();
        // …the name, then a quote, a colon, a comma, إن, or the speaker's verb (SVO: المتحدث
        // باسم الحكومة X Y نفى …).
        let verb_follows = ws
            .get(k + 1)
            .is_some_and(|n| lexicon::is_reporting(&text[n.start..n.end]));
        let terminated = rest.is_empty()
            || rest.starts_with(['"', ':', '،', ',', '-', '–', '(', '\''])
            || rest
                .split_once(' ')
                .is_some_and(|(first, _)| lexicon::is_in("that_plain", first))
            || verb_follows;
        if terminated && k > from {
            // A three-word name: يماني جبر مسقل.
            let first = if k >= from + 2 {
                let p = &ws[k - 2];
                let wp = &text[p.start..p.end];
                let free = !found.iter().any(|f| f.start <= p.start && p.start < f.end);
                if name_like(wp) && free && only_spaces_between(text, p, a) {
                    k - 2
                } else {
                    k - 1
                }
            } else {
                k - 1
            };
            return Some((first, k, k + 1));
        }
    }
    None
}

fn contiguous<'w>(text: &str, before: &Word, words: &[&'w Word]) -> Vec<&'w Word> {
    let mut out: Vec<&Word> = Vec::new();
    let mut prev = before;
    for w in words {
        if !only_spaces_between(text, prev, w) {
            break;
        }
        out.push(w);
        prev = w;
    }
    out
}

/// The state of the first actor of the sentence before `pos` (used for لها، بلاده).
fn own_state(
    found: &[Found],
    sentence_start: usize,
    pos: usize,
    gazetteer: &Gazetteer,
) -> Option<Ent> {
    found
        .iter()
        .filter(|f| {
            f.start >= sentence_start
                && f.start < pos
                && f.ent.kind.is_actor()
                && f.ent.kind != Kind::NewsAgency
        })
        .find_map(|f| {
            let root = f.ent.root(gazetteer);
            gazetteer
                .get(&root)
                .filter(|e| e.kind == Some(Kind::State))
                .map(Ent::from_gazetteer)
        })
}

/// The peacekeeping contingent of a state, or of nobody known.
pub fn peacekeepers(state: Option<&Ent>) -> Ent {
    match state {
        Some(s) => {
            let fem = Gazetteer::shipped()
                .get(&s.iri)
                .and_then(Entity::feminine_demonym)
                .unwrap_or_else(|| format!("التابعة لـ{}", s.label_ar));
            Ent {
                iri: format!("{ID}force/{}-peacekeepers", iso(s)),
                kind: Kind::ArmedForce,
                label_ar: format!("قوات حفظ السلام {fem}"),
                label_en: format!("{} peacekeeping forces", s.label_en),
                part_of: Some(s.iri.clone()),
                role: None,
                new: true,
            }
        }
        None => Ent {
            iri: format!("{ID}force/peacekeepers"),
            kind: Kind::ArmedForce,
            label_ar: "قوات حفظ السلام".into(),
            label_en: "peacekeeping forces".into(),
            part_of: None,
            role: None,
            new: true,
        },
    }
}

fn armed_forces(state: &Ent, gazetteer: &Gazetteer) -> Ent {
    let fem = gazetteer
        .get(&state.iri)
        .and_then(Entity::feminine_demonym)
        .unwrap_or_else(|| format!("في {}", state.label_ar));
    Ent {
        iri: format!("{ID}force/{}-armed-forces", iso(state)),
        kind: Kind::ArmedForce,
        label_ar: format!("القوات المسلحة {fem}"),
        label_en: format!("Armed forces of {}", state.label_en),
        part_of: Some(state.iri.clone()),
        role: None,
        new: true,
    }
}

/// «التنظيم»، «الحركة»، «الجماعة» (from `[group_anaphors]`, with و/ل/ب before it): the
/// group last named whose name begins with that noun (تنظيم الدولة الإسلامية، حركة الشباب).
fn group_anaphor(focus: &Focus, found: &[Found], word: &str) -> Option<Ent> {
    let noun = stems(word)
        .into_iter()
        .find(|s| lexicon::is_group_anaphor(s))?;
    let head = noun.strip_prefix("ال").unwrap_or(noun);
    found
        .iter()
        .rev()
        .map(|f| &f.ent)
        .chain(focus.groups.iter().rev())
        .filter(|e| matches!(e.kind, Kind::ArmedForce | Kind::Organization))
        .find(|e| {
            fold(&e.label_ar)
                .split_whitespace()
                .next()
                .is_some_and(|first| first.trim_start_matches("ال") == head)
        })
        .cloned()
}

/// The person named in full earlier (in the article or this sentence) whose family name is
/// `word` (with و or ل before it): the most recent one.
fn named_before(focus: &Focus, found: &[Found], word: &str) -> Option<Ent> {
    let bare = word.trim_start_matches(['و', 'ل']);
    if bare.chars().count() < 3 || is_stopword(bare) || lexicon::trigger_class(bare).is_some() {
        return None;
    }
    let family = |p: &Ent| {
        let name = fold(&p.label_ar);
        let mut parts = name.split_whitespace();
        let first = parts.next();
        let last = parts.next_back();
        first.is_some() && last.is_some_and(|l| l == bare || l == word)
    };
    found
        .iter()
        .rev()
        .map(|f| &f.ent)
        .filter(|e| e.kind == Kind::Person)
        .chain(focus.persons.iter().rev())
        .find(|p| family(p))
        .cloned()
}

fn open_person(name: &str, role: &str, state: Option<&Ent>) -> Ent {
    Ent {
        iri: format!("{ID}person/{}", slug(&fold(name))),
        kind: Kind::Person,
        label_ar: name.to_owned(),
        label_en: String::new(),
        part_of: state.map(|s| s.iri.clone()),
        role: Some(role.to_owned()),
        new: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, Kind)> {
        let g = Gazetteer::shipped();
        let doc = Doc::new(text);
        let matches = g.matches(doc.text());
        let mut focus = Focus::default();
        let mut out = Vec::new();
        for s in &doc.sentences {
            for f in recognise(&doc, s, &matches, g, &mut focus) {
                out.push((f.ent.label_ar, f.ent.kind));
            }
        }
        out
    }

    #[test]
    fn ministries_are_composed_from_a_state() {
        assert_eq!(
            found("أعلنت وزارة الخارجية التركية"),
            vec![("وزارة الخارجية التركية".into(), Kind::Organization)]
        );
        assert_eq!(
            found("قالت وزارة الدفاع في أوكرانيا"),
            vec![("وزارة الدفاع الأوكرانية".into(), Kind::Organization)]
        );
    }

    #[test]
    fn armies_and_contingents_belong_to_their_state() {
        assert_eq!(
            found("انسحب الجيش الأوكراني"),
            vec![("القوات المسلحة الأوكرانية".into(), Kind::ArmedForce)]
        );
        assert_eq!(
            found("وصلت الكتيبة التركية لحفظ السلام"),
            vec![("قوات حفظ السلام التركية".into(), Kind::ArmedForce)]
        );
        assert_eq!(
            found("بعثة السلام الفرنسية"),
            vec![("قوات حفظ السلام الفرنسية".into(), Kind::ArmedForce)]
        );
        assert_eq!(
            found("قالت أنقرة إن بعثة حفظ السلام التابعة لها وصلت"),
            vec![
                ("تركيا".into(), Kind::State),
                ("قوات حفظ السلام التركية".into(), Kind::ArmedForce)
            ]
        );
    }

    #[test]
    fn titled_people_known_and_new() {
        assert_eq!(
            found("قال الرئيس الفرنسي إيمانويل ماكرون"),
            vec![("إيمانويل ماكرون".into(), Kind::Person)]
        );
        let f = found("وقال وزير الخارجية المصري سامح شكري إن");
        assert_eq!(f, vec![("سامح شكري".into(), Kind::Person)]);
        let f = found("وقال رئيس الوزراء الإيطالي الأسبق ماريو مونتي إن");
        assert_eq!(f, vec![("ماريو مونتي".into(), Kind::Person)]);
        let f = found("أكد الرئيس الموريتاني المؤقت أحمد ولد سالم أن");
        assert_eq!(f, vec![("أحمد ولد سالم".into(), Kind::Person)]);
        let f = found("وأعلن وزير الدفاع الكيني يوسف دوالي انسحاب قواته من الحدود");
        assert_eq!(f[0], ("يوسف دوالي".into(), Kind::Person), "{f:?}");
        let f = found("وقال المتحدث باسم الصليب الأحمر في المدينة يوهان مولر “الوضع صعب”");
        assert!(f.contains(&("يوهان مولر".into(), Kind::Person)), "{f:?}");
    }

    #[test]
    fn villages_and_anaphora() {
        let f = found("دخلت القوات قرية كفرنبودة. وقالت إيران إن الإقليم هادئ.");
        assert_eq!(f[0], ("كفرنبودة".into(), Kind::Place));
        assert_eq!(
            found("تقع غزة على البحر. وقال مسؤولون إن الإقليم محاصر")[1].0,
            "غزة"
        );
        let f = found("اجتمع وفدا مصر والسودان. وقال البلدان إن");
        assert_eq!(f.len(), 4, "{f:?}");
        assert_eq!(found("قال الرئيس السوري إن بلاده")[1].0, "سوريا");
    }

    #[test]
    fn the_side_of_a_state_is_the_state() {
        assert_eq!(
            found("نفذ الجانب الإيراني"),
            vec![("إيران".into(), Kind::State)]
        );
    }
}
