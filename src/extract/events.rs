//! Events in sentences: triggers per class (verbs, derived nouns, inflections), modality
//! (calls, hopes, demands and conditionals are not events; announced ones are planned; terms
//! of an agreement are agreed), roles from the sentence, attribution (claimant, stance, cited
//! agency), dates and figures. Each statement becomes a [`Reading`]: one article's account
//! of one event.

use super::dates::{DateMention, DateValue};
use super::entities::{Ent, Found};
use super::figures::{Figure, Measure};
use super::gazetteer::Kind;
use super::lexicon::{self as lx, EventClass};
use super::text::{stems, with_enclitic, with_proclitic, Word, PRONOUN_SUFFIXES};

/// A role in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// `isnad:agent`
    Agent,
    /// `isnad:party`
    Party,
    /// `isnad:mediator`
    Mediator,
    /// `isnad:signatory`
    Signatory,
    /// `isnad:target`
    Target,
}

impl Role {
    /// Ontology local name.
    pub fn local(self) -> &'static str {
        match self {
            Self::Agent => "agent",
            Self::Party => "party",
            Self::Mediator => "mediator",
            Self::Signatory => "signatory",
            Self::Target => "target",
        }
    }
}

/// Event status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Announced for the future.
    Planned,
    /// A term of an agreement.
    Agreed,
}

impl Status {
    /// Ontology local name.
    pub fn local(self) -> &'static str {
        match self {
            Self::Planned => "Planned",
            Self::Agreed => "Agreed",
        }
    }
}

/// Asserted or denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stance {
    /// `isnad:Asserted`
    Asserted,
    /// `isnad:Denied`
    Denied,
}

/// One article's account of one event in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// Class.
    pub class: EventClass,
    /// Roles.
    pub roles: Vec<(Role, Ent)>,
    /// Places.
    pub places: Vec<Ent>,
    /// Date.
    pub date: Option<DateValue>,
    /// Status.
    pub status: Option<Status>,
    /// Sentence index.
    pub sentence: usize,
    /// Claimant.
    pub claimant: Option<Ent>,
    /// Stance.
    pub stance: Stance,
    /// Cited agency.
    pub cited: Option<Ent>,
    /// History recalled rather than news.
    pub background: bool,
    /// Figures claimed.
    pub figures: Vec<Figure>,
    /// The trigger words, as folded.
    pub trigger: String,
    /// Why, for `isnad explain`.
    pub why: Vec<String>,
    /// Named by a demonstrative (هذه الاشتباكات): the same event as an earlier reading.
    pub anaphoric: bool,
}

/// Everything a sentence offers to event extraction.
#[derive(Debug)]
pub struct SentenceInput<'a> {
    /// Folded text of the whole body.
    pub text: &'a str,
    /// Words of the sentence.
    pub words: &'a [Word],
    /// Entities of the sentence.
    pub found: &'a [Found],
    /// Dates of the sentence.
    pub dates: &'a [DateMention],
    /// Figures of the sentence.
    pub figures: &'a [Figure],
    /// Index of the sentence.
    pub index: usize,
    /// Publication date.
    pub published: Option<DateValue>,
    /// Date carried over from the previous sentence for narrative continuations.
    pub inherited: Option<DateValue>,
    /// Claimant of the previous sentence.
    pub previous_claimant: Option<Ent>,
    /// True when the article already reported a military operation (for العملية).
    pub operation_in_focus: bool,
    /// Whether the article speaks of armed conflict at all (a word of the military field
    /// somewhere in it), worked out once per article when first asked: agreements and
    /// meetings in other news are not conflict events.
    pub conflict_article: &'a std::cell::OnceCell<bool>,
}

impl SentenceInput<'_> {
    /// True when the article is conflict news (see `conflict_article`).
    fn conflict_article(&self) -> bool {
        *self.conflict_article.get_or_init(|| {
            self.text
                .split(|c: char| !super::text::is_word_char(c))
                .any(|w| !w.is_empty() && lx::is_conflict_word(w))
        })
    }
}

/// A trigger found in a sentence.
#[derive(Debug, Clone)]
struct Trigger {
    /// The built-in class whose guards and roles apply (see [`EventClass::like`]).
    class: EventClass,
    /// The class a lexicon file declared, when the trigger is of one.
    declared: Option<EventClass>,
    word: usize,
    last: usize,
    text: String,
}

fn w<'a>(input: &SentenceInput<'a>, k: usize) -> &'a str {
    input
        .words
        .get(k)
        .map_or("", |x| &input.text[x.start..x.end])
}

/// The state a claimant speaks for (itself when it is a state).
fn claimant_state(c: &Ent) -> Ent {
    let gazetteer = super::gazetteer::Gazetteer::shipped();
    gazetteer
        .get(&c.root(gazetteer))
        .map_or_else(|| c.clone(), Ent::from_gazetteer)
}

/// History the article recalls, not its news: a day over a month before the report, or a
/// month or year that ended over a week before it (اشتباكات أغسطس in a September report).
fn is_history(date: &DateValue, published: &DateValue) -> bool {
    let (first, last) = date.range();
    let reach = if first == last { 30 } else { 7 };
    last < published.range().0 - reach
}

/// "الحرب على الإرهاب", "حرب ضد الفساد": a war on an abstraction is rhetoric, not a clash.
fn war_on_an_abstraction(input: &SentenceInput<'_>, k: usize, stem: &str) -> bool {
    let war = lx::lexicon().list("war_nouns");
    if !war.iter().any(|n| stem.contains(n.as_str())) {
        return false;
    }
    let hi = (k + 8).min(input.words.len().saturating_sub(1));
    // الحرب على الإرهاب، المعركة مع الإرهاب.
    let abstract_enemy = (k + 1..hi).find(|&j| {
        (lx::is_war_on(w(input, j)) || lx::is_with_word(w(input, j)))
            && (lx::is_abstract_enemy(w(input, j + 1))
                || stems(w(input, j + 1))
                    .iter()
                    .any(|s| lx::is_abstract_enemy(s)))
    });
    // «حربا على الإرهاب» ضد حزب العمال وداعش: a war on terror waged against named armed
    // groups is fought.
    abstract_enemy.is_some_and(|j| {
        !input.found.iter().any(|f| {
            f.ent.kind == Kind::ArmedForce
                && word_index(input, f.start).is_some_and(|i| i > j + 1 && i <= j + 5)
        })
    })
}

fn near_military(input: &SentenceInput<'_>, k: usize, before: usize, after: usize) -> bool {
    let lo = k.saturating_sub(before);
    let hi = (k + after + 1).min(input.words.len());
    (lo..hi).any(|j| j != k && lx::is_military(w(input, j)))
        || input.found.iter().any(|f| {
            f.ent.kind == Kind::ArmedForce
                && word_index(input, f.start).is_some_and(|j| j + before >= k && j <= k + after)
        })
}

fn word_index(input: &SentenceInput<'_>, pos: usize) -> Option<usize> {
    input
        .words
        .iter()
        .position(|x| x.start <= pos && pos < x.end.max(x.start + 1))
}

fn sentence_is_military(input: &SentenceInput<'_>) -> bool {
    (0..input.words.len()).any(|j| lx::is_military(w(input, j)))
        || input
            .found
            .iter()
            .any(|f| matches!(f.ent.kind, Kind::ArmedForce))
        || !input.figures.is_empty()
}

fn state_level_actors(input: &SentenceInput<'_>) -> usize {
    input
        .found
        .iter()
        .filter(|f| {
            matches!(
                f.ent.kind,
                Kind::State | Kind::ArmedForce | Kind::Organization | Kind::Person
            )
        })
        .count()
}

/// Finds the triggers of a sentence, with the guards that keep everyday words out.
fn triggers(input: &SentenceInput<'_>) -> (Vec<Trigger>, Vec<String>) {
    let mut out: Vec<Trigger> = Vec::new();
    let mut skipped = Vec::new();
    let n = input.words.len();
    // Sentence-wide vocabularies, computed once per sentence (and only when asked).
    let has_word = |test: fn(&str) -> bool| {
        (0..n).any(|j| test(w(input, j)) || stems(w(input, j)).iter().any(|s| test(s)))
    };
    let sport_cell = std::cell::OnceCell::new();
    let disaster_cell = std::cell::OnceCell::new();
    let sport_sentence = || *sport_cell.get_or_init(|| has_word(lx::is_sport));
    let crime_cell = std::cell::OnceCell::new();
    let crime_sentence = || *crime_cell.get_or_init(|| has_word(lx::is_criminal_justice));
    let disaster_sentence =
        || *disaster_cell.get_or_init(|| has_word(lx::is_disaster) || has_word(lx::is_exercise));
    let folded_words: Vec<&str> = (0..n).map(|j| w(input, j)).collect();
    let mut k = 0;
    while k < n {
        let word = w(input, k);
        let st = stems(word);
        let next = w(input, k + 1);
        let push = |class, last: usize, out: &mut Vec<Trigger>| {
            let text = (k..=last)
                .map(|j| w(input, j))
                .collect::<Vec<_>>()
                .join(" ");
            let c: EventClass = class;
            out.push(Trigger {
                class: c.like(),
                declared: c.is_declared().then_some(c),
                word: k,
                last,
                text,
            });
        };
        let lex = lx::lexicon();
        // Everyday phrases that begin with a trigger word (تهدئة المخاوف، أرسل رسالة،
        // الحوادث المرورية): no trigger there.
        if let Some(p) = lex.phrases("false_friends").iter().find(|p| {
            p.first().is_some_and(|first| st.contains(&first.as_str()))
                && p[1..]
                    .iter()
                    .enumerate()
                    .all(|(m, x)| w(input, k + 1 + m).starts_with(x.as_str()))
        }) {
            skipped.push(format!("{word}: an everyday phrase ({})", p.join(" ")));
            k += p.len();
            continue;
        }
        // Patterns of several words, with gaps (data: «وقف ~2 إطلاق النار»).
        let keys = lex.keys(word);
        if let Some((class, last, _)) = lex.pattern_of(&folded_words, k, &keys) {
            let crime = class.like() == EventClass::Clash && crime_sentence();
            // يسيطر على وحدات في الجيش: control over forces is command, not ground taken.
            let over_forces = class.like() == EventClass::Clash
                && lx::is_target_after_act(w(input, last))
                && (lx::is_military(w(input, last + 1))
                    || stems(w(input, last + 1))
                        .iter()
                        .any(|s| lx::is_group_head(s)));
            if over_forces {
                skipped.push(format!("{word}: control over forces, not over ground"));
                k = last + 1;
                continue;
            }
            if !sport_sentence() && !crime {
                push(class, last, &mut out);
                k = last + 1;
                continue;
            }
        }
        // وقف إطلاق النار, وقف العمليات, لوقف لإطلاق النار.
        if st.iter().any(|s| lx::is_halt_verb(s))
            && (lx::is_halted_fighting(next)
                || stems(next).iter().any(|s| lx::is_halted_fighting(s)))
        {
            let last = if lx::contains_in("firing_parts", next)
                && lx::is_in("fire_nouns", w(input, k + 2))
            {
                k + 2
            } else {
                k + 1
            };
            push(EventClass::Ceasefire, last, &mut out);
            k = last + 1;
            continue;
        }
        // عملية عسكرية / أطلقت عملية / العملية (an operation already in focus).
        if st.iter().any(|s| lx::is_in("operation_forms", s)) {
            let qualified = lx::is_operation_qualifier(next)
                || stems(next).iter().any(|s| lx::is_operation_qualifier(s));
            let launched = (k.saturating_sub(6)..k).any(|j| {
                lx::is_launch(w(input, j)) || stems(w(input, j)).iter().any(|s| lx::is_launch(s))
            });
            // العملية (alone, or before التي) or عمليتها: the operation already in focus.
            let bare = next.is_empty()
                || lx::is_in("relatives", next)
                || input.text[input.words[k].end
                    ..input
                        .words
                        .get(k + 1)
                        .map_or(input.words[k].end, |x| x.start)]
                    .trim()
                    .starts_with(['.', '،', ',', '"']);
            let possessive = word.ends_with("تها") || word.ends_with("ته");
            let definite = (lx::contains_in("the_operation", word) && bare) || possessive;
            if qualified || launched || (definite && (input.operation_in_focus || possessive)) {
                push(
                    EventClass::Clash,
                    if qualified { k + 1 } else { k },
                    &mut out,
                );
                k += if qualified { 2 } else { 1 };
                continue;
            }
        }
        // أطلقت 16 طائرة مسيرة على…، أطلقوا صواريخ: launching projectiles is an attack.
        if st.iter().any(|s| lx::starts_in("launch_stems", s)) {
            let projectile = (k + 1..(k + 5).min(n)).find(|&j| {
                let x = w(input, j);
                lx::is_projectile(x) || stems(x).iter().any(|s| lx::is_projectile(s))
            });
            if let Some(j) = projectile {
                push(EventClass::Clash, j, &mut out);
                k = j + 1;
                continue;
            }
        }
        // النزاع المسلح
        if st.iter().any(|s| lx::is_in("conflict_nouns", s)) && lx::is_in("armed_adjectives", next)
        {
            push(EventClass::Clash, k + 1, &mut out);
            k += 2;
            continue;
        }
        // The word's keys cover its proclitic readings and their stems.
        let class = lex.trigger_of(word, &keys);
        let Some(class) = class else {
            k += 1;
            continue;
        };
        // لاجتياح، لردع، ولتحرير، سافروا للقتال: ل before a verbal noun states a purpose
        // (not after a verb of undergoing: تعرضت لقصف، تعرضت للهجوم).
        let purpose = purpose_form(word) && !(k > 0 && lx::is_undergo(w(input, k - 1)));
        if purpose && class == EventClass::Clash {
            skipped.push(format!("{word}: a purpose (ل + verbal noun), not an event"));
            k += 1;
            continue;
        }
        // أي عدوان، أي هجوم، أي اتفاق: any such event is no event.
        if k > 0 && lx::is_generic_any(w(input, k - 1)) {
            skipped.push(format!("{word}: a generic «any» {}", class.local()));
            k += 1;
            continue;
        }
        let stem = st
            .iter()
            .find(|s| lx::trigger_class(s).is_some())
            .copied()
            .unwrap_or(word);
        let ok = match class.like() {
            EventClass::Withdrawal | EventClass::Deployment => {
                let participle = lx::starts_in("deployed_participles", word);
                // الخروج من الأزمة، الانسحاب من الاتفاق: leaving no ground.
                let not_ground = class == EventClass::Withdrawal
                    && lx::is_in("from_prepositions", next)
                    && (lx::is_non_ground(w(input, k + 2))
                        || stems(w(input, k + 2)).iter().any(|s| lx::is_non_ground(s)));
                if not_ground {
                    skipped.push(format!("{word}: a withdrawal from no ground"));
                    k += 1;
                    continue;
                }
                if class == EventClass::Withdrawal && forced_to_leave(input, k) {
                    skipped.push(format!(
                        "{word}: people forced to leave, not forces withdrawing"
                    ));
                    k += 1;
                    continue;
                }
                // نشر الفوضى، نشر صور: spreading or publishing, not troops; أرسل المتحدث
                // الرسالة: what is sent, before any troops, is no troops.
                let object = |x: &str| {
                    lx::is_non_troop_object(x)
                        || stems(x).iter().any(|s| lx::is_non_troop_object(s))
                };
                let sent_first = (k + 1..(k + 7).min(n))
                    .map(|j| w(input, j))
                    .take_while(|x| !lx::is_military(x))
                    .any(object);
                let not_troops = class == EventClass::Deployment
                    && (sent_first
                        || [
                            next,
                            w(input, k.saturating_sub(1)),
                            w(input, k.saturating_sub(2)),
                        ]
                        .iter()
                        .take(if k == 0 { 1 } else { 3 })
                        .any(|x| object(x)));
                // دخول المصلين، إدخال المساعدات: entering is a deployment only for troops:
                // right after the noun (دخول القوات), or around the verb (القوات التركية
                // دخلت، أدخلت روسيا قواتها).
                let entering = lx::starts_in("entering_stems", stem);
                let noun = lx::starts_in("entering_nouns", stem);
                // بدخولها، إدخالها: the possessor (a state or army named before) enters.
                let possessive = ["ها", "ه", "هم"].iter().any(|p| word.ends_with(p));
                let troops_enter = !entering
                    || possessive
                    || if noun {
                        near_military(input, k, 0, 2)
                    } else {
                        near_military(input, k, 3, 2)
                    };
                !participle && !not_troops && troops_enter && near_military(input, k, 10, 4)
            }
            EventClass::Clash => {
                let sport = sport_sentence();
                let disaster = disaster_sentence();
                let ambiguous = lx::is_ambiguous_clash(stem) || lx::is_ambiguous_clash(word);
                // أرض المعركة، ساحة المعركة: the battlefield, not a battle.
                let battlefield = k > 0
                    && lx::is_battlefield(w(input, k - 1))
                    && lx::contains_in("battle_stems", stem);
                if sport
                    || crime_sentence()
                    || battlefield
                    || (disaster && ambiguous)
                    || war_on_an_abstraction(input, k, stem)
                {
                    false
                } else if lx::starts_in("exchange_stems", stem) {
                    // تبادل إطلاق النار, تبادل الطرفان إطلاق النار
                    (k + 1..(k + 7).min(n)).any(|j| {
                        let x = w(input, j);
                        lx::contains_in("firing_parts", x) || lx::is_in("fire_nouns", x)
                    })
                } else if ambiguous {
                    // اندلعت الحرب، الحرب التي نشبت: an outbreak of war is a clash.
                    let outbreak = lx::contains_in("war_stems", stem)
                        && (k.saturating_sub(3)..(k + 4).min(n)).any(|j| {
                            let x = w(input, j).trim_start_matches('و');
                            lx::lexicon()
                                .list("outbreak_verbs")
                                .iter()
                                .any(|v| x.starts_with(v.as_str()))
                        });
                    // الحرب as a topic (في الحرب السورية، الحرب الأهلية المستمرة) is no
                    // clash: a war is one when it breaks out, is waged (شنتها، شن حربا), is
                    // against someone (الحرب على داعش), or has a date or a toll here.
                    let war = lx::contains_in("war_stems", stem);
                    let waged = (k.saturating_sub(3)..(k + 3).min(n)).any(|j| {
                        let x = w(input, j).trim_start_matches('و');
                        lx::is_launched_by(x) || stems(x).iter().any(|s| lx::is_launched_by(s))
                    });
                    let against = (k + 1..(k + 3).min(n)).any(|j| lx::is_war_on(w(input, j)));
                    let anchored = !input.dates.is_empty() || !input.figures.is_empty();
                    outbreak
                        || (sentence_is_military(input) && (!war || waged || against || anchored))
                } else {
                    sentence_is_military(input) || state_level_actors(input) > 0
                }
            }
            // Outside conflict news, only diplomacy between two named actors (states,
            // bodies, leaders) counts: no trade deal of one firm, no club's "meeting".
            EventClass::Agreement | EventClass::Talks
                if state_level_actors(input) < 2 && !input.conflict_article() =>
            {
                false
            }
            EventClass::Agreement => {
                if lx::ends_in("announcement_endings", stem) {
                    lx::is_joint_qualifier(next)
                } else {
                    state_level_actors(input) > 0
                }
            }
            EventClass::Ceasefire => true,
            EventClass::Talks => {
                let interview = input.found.iter().any(|f| {
                    f.ent.kind == Kind::NewsAgency
                        && word_index(input, f.start).is_some_and(|j| j > k && j <= k + 2)
                }) || lx::is_interview_word(next);
                // كان في استقبال الملك لدى وصوله: a welcoming line, not talks.
                let ceremony = k > 0
                    && lx::lexicon().phrases("ceremony").iter().any(|p| {
                        p.len() == 2 && w(input, k - 1) == p[0] && st.contains(&p[1].as_str())
                    });
                !interview && !ceremony && state_level_actors(input) > 0
            }
            _ => true,
        };
        // Transfers, matches and contracts of sport are not conflict events.
        let ok = ok && !sport_sentence();
        if ok {
            push(class, k, &mut out);
        } else {
            skipped.push(format!(
                "{word}: {} trigger without its context",
                class.local()
            ));
        }
        k += 1;
    }
    (out, skipped)
}

/// Modality of a trigger: `Err(reason)` when it is not an event.
fn modality(
    input: &SentenceInput<'_>,
    t: &Trigger,
    has_explicit_date: bool,
) -> Result<Option<Status>, String> {
    let clause_start = clause_start(input, t.word);
    for j in (clause_start..t.word).rev() {
        let raw = w(input, j);
        // واذا, ولم: the conjunction does not hide the modal word.
        let x = raw
            .strip_prefix('و')
            .filter(|r| lx::is_non_event(r))
            .or_else(|| non_event_form(raw))
            .unwrap_or(raw);
        // لا يزال، ما زال: "still", no negation.
        if j + 1 < input.words.len() && lx::is_still_word(w(input, j + 1)) {
            continue;
        }
        let near = t.word - j
            <= if lx::is_in("strong_negations", x) {
                6
            } else {
                3
            };
        let negation = lx::is_negation(x);
        // A call or a condition governs the ten words after it, not a whole long clause
        // (ضرورة تكثيف الاستعدادات … في أعقاب الهجوم: the attack happened).
        let reach = t.word - j <= 10;
        if lx::is_non_event(x) && (if negation { near } else { reach }) && !has_explicit_date {
            return Err(format!(
                "{} after «{x}»: a call, hope, demand, condition or negation",
                t.text
            ));
        }
    }
    // دعا X … إلى التدخل … ورعاية المفاوضات: what a call asks for has not happened.
    if let Some(call) = called_for(input, t.word) {
        return Err(format!("{} asked for by «{call}»: a call", t.text));
    }
    if (0..t.word).any(|j| {
        let x = w(input, j);
        lx::is_agreed_marker(x) || stems(x).iter().any(|s| lx::is_agreed_marker(s))
    }) {
        return Ok(Some(Status::Agreed));
    }
    let first = w(input, t.word);
    // ستنسحب؛ سيشنون هجوما: the future prefix on the trigger or on the verb launching it.
    let future_prefix = first
        .strip_prefix('س')
        .is_some_and(|rest| lx::trigger_class(rest).is_some())
        || (t.word.saturating_sub(2)..t.word).any(|j| {
            w(input, j)
                .strip_prefix('س')
                .is_some_and(lx::is_launch_present)
        });
    // سوف، من المقرر before the trigger; ستكون، سيكون just after it (المعركة ستكون قريبا).
    let after = t.last + 1..(t.last + 4).min(input.words.len());
    let future_word = (t.word.saturating_sub(4)..t.word)
        .chain(after)
        .any(|j| lx::is_future(w(input, j)));
    if future_prefix || future_word {
        return Ok(Some(Status::Planned));
    }
    Ok(None)
}

/// The entry of `[non_event]` a longer word is made of, after one proclitic letter and a
/// pronoun suffix come off (بامتناع، لإجبارها → امتناع، إجبار). Entries of four letters or
/// fewer (لم، قرار، دعوة) are matched only as they are written.
/// أجبرتهم على مغادرة المدينة: a leaving noun after a forcing verb that carries its object
/// as a pronoun is people driven out (a displacement), not forces withdrawing; forces
/// forced back are named (أجبروا القوات على التراجع) or retreat (التراجع، الانسحاب).
fn forced_to_leave(input: &SentenceInput, k: usize) -> bool {
    let forcing = |x: &str| {
        PRONOUN_SUFFIXES.iter().any(|p| {
            x.strip_suffix(p).is_some_and(|verb| {
                with_proclitic(verb, &['و', 'ف'], |v| lx::is_in("forcing_verbs", v))
            })
        })
    };
    k >= 2
        && lx::is_in("forced_to", w(input, k - 1))
        && forcing(w(input, k - 2))
        && stems(w(input, k))
            .iter()
            .any(|s| lx::is_in("leaving_nouns", s))
}

fn non_event_form(word: &str) -> Option<&str> {
    let bare = [Some(word), word.strip_prefix(['و', 'ف', 'ب', 'ل'])];
    bare.into_iter().flatten().find_map(|b| {
        std::iter::once("")
            .chain(PRONOUN_SUFFIXES)
            .filter_map(|suffix| b.strip_suffix(suffix))
            // بقرار، بدعوة من: short nouns with a preposition are no modal words.
            .find(|x| x.len() < word.len() && x.chars().count() >= 5 && lx::is_non_event(x))
    })
}

/// The call verb whose «إلى …» complement holds word `k` (دعا الطرفين إلى وقف العنف وبدء
/// مفاوضات), when one does: the complement reaches eight words past «إلى».
fn called_for<'a>(input: &SentenceInput<'a>, k: usize) -> Option<&'a str> {
    let to = (k.saturating_sub(8)..k)
        .rev()
        .find(|&j| lx::is_call_to(w(input, j)))?;
    (0..to)
        .rev()
        .map(|j| w(input, j))
        .find(|x| lx::is_call_verb(x))
}

/// The «بين» that names the sides of the trigger: right after it, or after a verb and a time
/// (محادثات جرت أمس بين X وY).
fn between_after(input: &SentenceInput<'_>, t: &Trigger) -> Option<usize> {
    (t.word + 1..=(t.last + 3).min(input.words.len().saturating_sub(1)))
        .find(|&j| lx::is_in("between_words", w(input, j)))
}

/// True when the demonym at word `j` follows, within three words and no punctuation, a
/// word of `[nationality_cues]` (أغلبهم، بينهم، الجنسية): people's nationality.
fn nationality_of_people(input: &SentenceInput<'_>, j: usize) -> bool {
    (j.saturating_sub(3)..j).rev().any(|c| {
        lx::is_in("nationality_cues", w(input, c))
            && !input.text[input.words[c].end..input.words[j].start]
                .contains(['،', ',', '.', ':', '"', '(', ')'])
    })
}

/// True when the actor at word `j` is the subject of a verb of condemnation (`[condemnation]`)
/// just before or after it, said before the trigger at `k`.
fn condemns(input: &SentenceInput<'_>, j: usize, k: usize) -> bool {
    j < k
        && (j.saturating_sub(3)..(j + 3).min(k)).any(|v| {
            v != j
                && with_proclitic(w(input, v), &['و', 'ف'], |x| {
                    lx::starts_in("condemnation", x)
                })
        })
}

/// True when the word is ل + a verbal noun of some class, which states a purpose (لاجتياح،
/// للقاء، ولتحرير).
fn purpose_form(word: &str) -> bool {
    ["ل", "ول", "فل"].iter().any(|p| {
        word.strip_prefix(p).is_some_and(|rest| {
            // للقتال states a purpose; للاشتباكات (a plural: the clashes themselves)
            // is the object of a noun (وضع حد للاشتباكات).
            let bare = rest
                .strip_prefix('ل')
                .filter(|r| !r.ends_with("ات"))
                .map(|r| format!("ال{r}"));
            !(rest.starts_with('ل') && bare.is_none())
                && lx::trigger_class(bare.as_deref().unwrap_or(rest)).is_some()
        })
    })
}

/// True when the trigger word carries the purpose clitic ل (للقاء، لبحث، ولإجراء): the word
/// without it still triggers or starts a pattern.
fn purpose_clitic(word: &str) -> bool {
    let lex = lx::lexicon();
    ["ل", "ول", "فل"].iter().any(|p| {
        word.strip_prefix(p)
            .is_some_and(|rest| lex.trigger(rest).is_some() || lex.starts_pattern(rest))
    })
}

/// Index of the first word of the trigger's clause (after the last comma, colon or quote).
fn clause_start(input: &SentenceInput<'_>, k: usize) -> usize {
    for j in (1..=k).rev() {
        let between = &input.text[input.words[j - 1].end..input.words[j].start];
        if between.contains(['،', ',', ':', '"', '(', ')']) {
            return j;
        }
    }
    0
}

/// The reporting verb governing word `k`, with its claimant and whether it denies.
fn attribution(
    input: &SentenceInput<'_>,
    k: usize,
) -> (Option<Ent>, bool, Option<Ent>, Vec<String>) {
    let mut why = Vec::new();
    let mut cited: Option<Ent> = None;
    // Agencies named in the sentence are its cited source.
    if let Some(a) = input.found.iter().find(|f| f.ent.kind == Kind::NewsAgency) {
        cited = Some(a.ent.clone());
    }
    let verbs: Vec<usize> = (0..k)
        .rev()
        .filter(|&j| {
            let x = w(input, j);
            lx::is_reporting(x) || stems(x).iter().any(|s| lx::is_reporting(s))
        })
        .collect();
    let mut claimant = None;
    let mut denied = false;
    let mut verb = verbs.first().copied();
    for &v in &verbs {
        let vw = w(input, v);
        let denies =
            |x: &str| lx::is_denial_verb(x) || stems(x).iter().any(|s| lx::is_denial_verb(s));
        // نفت الوزارة في بيان …: the statement carries the verb's denial.
        let statement = lx::is_statement_noun(vw);
        let is_denial =
            denies(vw) || (statement && (v.saturating_sub(6)..v).any(|j| denies(w(input, j))));
        match subject_of(input, v) {
            Subject::Actor(e) => {
                why.push(format!("claimant {} by «{vw}»", e.label_ar));
                claimant = Some(e);
                denied |= is_denial;
                verb = Some(v);
                break;
            }
            Subject::NotAnActor => {
                verb = Some(v);
                break;
            }
            Subject::None => {
                denied |= is_denial;
                // نفى الجيش …، وقال إن …: وقال continues this sentence's speaker (without
                // taking over the other verb's denial).
                let earlier =
                    verbs
                        .iter()
                        .filter(|&&u| u < v)
                        .find_map(|&u| match subject_of(input, u) {
                            Subject::Actor(e) => Some(e),
                            _ => None,
                        });
                if lx::is_continuation(vw) {
                    if let Some(e) = earlier {
                        why.push(format!(
                            "claimant {} carried over to «{vw}» within the sentence",
                            e.label_ar
                        ));
                        claimant = Some(e);
                        verb = Some(v);
                        break;
                    }
                }
                // وقال محافظ المدينة فلان إن …: a subject the sentence names, even one not
                // recognised, is not the previous sentence's speaker (a definite noun, وأضاف
                // المصدر، refers back to him).
                let named_subject = v + 1 < input.words.len()
                    && !lx::is_in("that_words", w(input, v + 1))
                    && !lx::is_in("in_words", w(input, v + 1))
                    && !w(input, v + 1).starts_with("ال")
                    && !input.text[input.words[v].end..input.words[v + 1].start]
                        .contains(['"', ':', '«', '“']);
                if (lx::is_continuation(vw) || v == 0) && !named_subject {
                    claimant = input.previous_claimant.clone();
                    if let Some(c) = &claimant {
                        why.push(format!(
                            "claimant {} carried over to «{vw}» from the previous sentence",
                            c.label_ar
                        ));
                        verb = Some(v);
                        break;
                    }
                }
            }
        }
    }
    if claimant.is_none() {
        // حسب ما أعلنت يريفان / بحسب الوزارة / وفقا لـ X.
        for j in 0..input.words.len() {
            let x = w(input, j);
            if lx::is_report_marker(x) {
                let after = input.words[j].end;
                let limit = input.words.get(j + 4).map_or(usize::MAX, |x| x.end);
                if let Some(f) = input
                    .found
                    .iter()
                    .find(|f| f.start >= after && f.start <= limit && f.ent.kind.is_actor())
                {
                    if f.ent.kind == Kind::NewsAgency {
                        cited = Some(f.ent.clone());
                    } else {
                        claimant = Some(f.ent.clone());
                        why.push(format!("claimant {} by «{x}»", f.ent.label_ar));
                    }
                }
            }
        }
    }
    if claimant
        .as_ref()
        .is_some_and(|c| c.kind == Kind::NewsAgency)
    {
        cited = claimant.take();
        // نقلت وكالة X عن Y: the claimant follows عن.
        if let Some(v) = verb {
            let after_an = (v..k)
                .find(|&j| lx::is_in("about_prepositions", w(input, j)))
                .map(|j| input.words[j].end);
            if let Some(pos) = after_an {
                claimant = input
                    .found
                    .iter()
                    .find(|f| {
                        f.start >= pos && f.ent.kind.is_actor() && f.ent.kind != Kind::NewsAgency
                    })
                    .map(|f| f.ent.clone());
            }
        }
    }
    (claimant, denied, cited, why)
}

/// The claimant of the last reporting verb of a sentence, if it names one.
pub fn sentence_claimant(input: &SentenceInput<'_>) -> Option<Ent> {
    attribution(input, input.words.len()).0
}

/// The subject of a reporting verb.
enum Subject {
    Actor(Ent),
    NotAnActor,
    None,
}

/// The subject of the reporting verb at `v`: an actor right before it (روسيا اتهمت), else
/// the first entity after it before a complementiser or quote.
fn subject_of(input: &SentenceInput<'_>, v: usize) -> Subject {
    let verb_start = input.words[v].start;
    let lo = input.words[v.saturating_sub(2)].start;
    let adjacent = input.found.iter().rev().find(|f| {
        f.end <= verb_start
            && f.end >= lo
            && f.ent.kind.is_actor()
            && f.ent.kind != Kind::NewsAgency
            && !input.text[f.end..verb_start].contains(['،', ',', '"', ':', '.'])
    });
    if let Some(f) = adjacent {
        return Subject::Actor(f.ent.clone());
    }
    let verb_end = input.words[v].end;
    let mut limit = input.words.get(v + 8).map_or(usize::MAX, |x| x.start);
    for j in v + 1..(v + 8).min(input.words.len()) {
        let x = w(input, j);
        let before = &input.text[input.words[j - 1].end..input.words[j].start];
        let issued_by = j > 0 && lx::is_issued_word(w(input, j - 1));
        // أكد الشعباني وصول أفواج عسكرية: the subject comes before what is reported (an
        // unknown speaker leaves no subject, not the forces that arrived).
        let reported = {
            let lex = lx::lexicon();
            lex.trigger(x).is_some() || {
                let words: Vec<&str> = (0..input.words.len()).map(|i| w(input, i)).collect();
                lex.pattern_at(&words, j).is_some()
            }
        };
        if (lx::is_in("that_words", x) || (lx::is_in("about_prepositions", x) && !issued_by))
            || before.contains(['"', ':'])
            || reported
        {
            limit = input.words[j].start;
            break;
        }
    }
    match input
        .found
        .iter()
        .find(|f| f.start >= verb_end && f.start < limit)
    {
        Some(f) if f.ent.kind.is_actor() => Subject::Actor(f.ent.clone()),
        Some(_) => Subject::NotAnActor,
        None => Subject::None,
    }
}

fn entity_after_marker(
    input: &SentenceInput<'_>,
    markers: &[String],
    max_words: usize,
    near: usize,
) -> Option<(usize, Ent)> {
    let mut best: Option<(usize, usize, Ent)> = None;
    let marker = |x: &str| markers.iter().any(|m| m == x);
    for j in 0..input.words.len() {
        let x = w(input, j);
        if marker(x) || stems(x).iter().any(|s| marker(s)) {
            let end = input.words[j].end;
            let limit = input.words.get(j + max_words).map_or(usize::MAX, |x| x.end);
            if let Some(f) = input.found.iter().find(|f| {
                f.start >= end
                    && f.start <= limit
                    && f.ent.kind.is_actor()
                    && f.ent.kind != Kind::NewsAgency
            }) {
                let distance = j.abs_diff(near);
                if best.as_ref().is_none_or(|(d, _, _)| distance < *d) {
                    best = Some((distance, j, f.ent.clone()));
                }
            }
        }
    }
    best.map(|(_, j, e)| (j, e))
}

/// Fills the roles of a trigger.
fn roles(
    input: &SentenceInput<'_>,
    t: &Trigger,
    next_act: Option<usize>,
    claimant: Option<&Ent>,
    why: &mut Vec<String>,
) -> Vec<(Role, Ent)> {
    let mut roles: Vec<(Role, Ent)> = Vec::new();
    // The words that name a capital, each with whether «ب» is attached before it
    // (بالرياض, not باكو), found once for the sentence.
    let metonyms: Vec<(usize, bool)> = input
        .found
        .iter()
        .filter(|f| f.how == super::entities::How::Gazetteer(super::gazetteer::Form::Metonym))
        .filter_map(|f| {
            let surface = &input.text[f.start..f.end.min(input.text.len())];
            let b_attached = surface.strip_prefix('ب').is_some_and(|rest| {
                let g = super::gazetteer::Gazetteer::shipped();
                g.matches(rest)
                    .iter()
                    .any(|m| m.start == 0 && m.end == rest.len())
            });
            word_index(input, f.start).map(|j| (j, b_attached))
        })
        .collect();
    let metonym_at = |j: usize, after_b: bool| {
        metonyms
            .iter()
            .any(|&(k, b_attached)| k == j && (!after_b || b_attached))
    };
    // A state after في/إلى/داخل is where something happens, not who does it.
    // A state after من is where a withdrawal leaves from.
    let state_at = |j: usize| {
        input
            .found
            .iter()
            .any(|f| f.ent.kind == Kind::State && word_index(input, f.start) == Some(j))
    };
    let locative = |j: usize| {
        // في سوريا والعراق: a state joined by «و» to a place is a place too.
        let mut j = j;
        while j > 0 && w(input, j).starts_with('و') && state_at(j - 1) {
            j -= 1;
        }
        let x = w(input, j);
        // في كل من سوريا والعراق.
        let (prev, before) = match (j.checked_sub(1), j.checked_sub(2), j.checked_sub(3)) {
            (Some(a), Some(b), Some(c))
                if lx::is_in("from_prepositions", w(input, a))
                    && lx::is_in("every_words", w(input, b)) =>
            {
                (w(input, c), if c > 0 { w(input, c - 1) } else { "" })
            }
            _ => (
                if j > 0 { w(input, j - 1) } else { "" },
                if j > 1 { w(input, j - 2) } else { "" },
            ),
        };
        // شمال العراق after في is a place; قوات شرق ليبيا is an actor of Libya.
        lx::is_place_before(prev)
            // قاعدة إنجرليك جنوب تركيا: a compass word before a state places (قوات شرق
            // ليبيا, after a force, names an actor of it).
            || (lx::is_compass(prev)
                && !lx::is_military(before)
                && !stems(before).iter().any(|s| lx::is_group_head(s)))
            // شرق صنعاء، بالرياض: a capital after a compass word or «ب» is a place.
            || (lx::is_compass(prev) && metonym_at(j, false))
            || metonym_at(j, true)
            || (lx::starts_in("in_words", x) && x.len() > 4)
            || (t.class == EventClass::Withdrawal
                && j > t.word
                && (lx::is_in("from_prepositions", prev)
                    || (j > 1 && lx::is_in("from_prepositions", w(input, j - 2)))))
            // القريب من تركمانستان، قرب الحدود مع موريتانيا: a landmark, not a side (the
            // border alone, اشتباكات على الحدود مع أذربيجان, still names the other side).
            || (lx::is_in("landmark_prepositions", prev)
                && (lx::is_near_word(before)
                    || (lx::is_in("border_nouns", before)
                        && j > 2
                        && (lx::is_near_word(w(input, j - 3))
                            // بالقرب من الحدود مع X
                            || (j > 3
                                && lx::is_in("from_prepositions", w(input, j - 3))
                                && lx::is_near_word(w(input, j - 4)))))))
    };
    // بالعراق، بسوريا: ب before a state's own name is "in" (بلاده is no such case).
    let in_state = |f: &Found| {
        let x = &input.text[f.start..f.end.min(input.text.len())];
        f.how != super::entities::How::Anaphora
            && x.strip_prefix('ب').is_some_and(|rest| {
                let name = crate::normalize::fold(&f.ent.label_ar);
                rest == name
                    || rest.strip_prefix("ال") == Some(name.as_str())
                    || name.strip_prefix("ال") == Some(rest)
            })
    };
    let actors: Vec<(usize, &Found)> = input
        .found
        .iter()
        // An unnamed source (مصدر عسكري) speaks; it takes no part.
        .filter(|f| {
            f.ent.kind.is_actor() && f.ent.kind != Kind::NewsAgency && !f.ent.is_unnamed_source()
        })
        .filter_map(|f| word_index(input, f.start).map(|j| (j, f)))
        // المتحدث باسم المقاومة: the body a spokesman speaks for speaks; it takes no part.
        .filter(|(j, _)| !(*j > 0 && lx::is_speaks_for(w(input, *j - 1))))
        // دانت مصر التفجير، مصر تدين الهجوم: who condemns an act comments on it.
        .filter(|(j, _)| !condemns(input, *j, t.word))
        // غارات على صنعاء: a capital right after «على» after the act is the place struck.
        .filter(|(j, f)| {
            !(f.ent.kind == Kind::State
                && (locative(*j)
                    || in_state(f)
                    || (*j == t.last + 2
                        && lx::is_target_after_act(w(input, t.last + 1))
                        && metonym_at(*j, false))))
        })
        // قتل 38 سائحا أغلبهم بريطانيون، يحمل الجنسية الفرنسية: the nationality of victims
        // or of a person is no actor.
        .filter(|(j, f)| {
            !(f.ent.kind == Kind::State
                && f.how == super::entities::How::Gazetteer(super::gazetteer::Form::Demonym)
                && nationality_of_people(input, *j))
        })
        // مواقع تركية، الأراضي اليمنية: a demonym qualifying a thing or a place is no actor;
        // after an act (القصف التركي) or a force (القوات التركية) it is.
        .filter(|(j, f)| {
            !(f.ent.kind == Kind::State
                && f.how == super::entities::How::Gazetteer(super::gazetteer::Form::Demonym)
                && *j > 0
                && {
                    let prev = w(input, *j - 1);
                    let plain = |x: &str| {
                        lx::trigger_class(x).is_none()
                            && !stems(x).iter().any(|s| lx::is_group_head(s))
                            && !lx::is_military(x)
                    };
                    // شركة أرامكو السعودية: one name word (without the article, which an
                    // adjective carries: الملف النووي الإيراني) may stand between.
                    let object = |x: &str| with_proclitic(x, &['و'], lx::is_demonym_object);
                    plain(prev)
                        && (object(prev)
                            || (*j > 1 && !prev.starts_with("ال") && object(w(input, *j - 2))))
                })
        })
        .collect();
    let add = |roles: &mut Vec<(Role, Ent)>, role: Role, e: &Ent| {
        if !roles.iter().any(|(_, x)| x.iri == e.iri) {
            roles.push((role, e.clone()));
        }
    };
    // Mediators: بوساطة روسية, عن طريق قوة السلام, الوسيط.
    let mediated = matches!(
        t.class,
        EventClass::Agreement | EventClass::Ceasefire | EventClass::Talks
    );
    if let Some((_, e)) =
        entity_after_marker(input, lx::lexicon().list("mediation_markers"), 5, t.word)
            .filter(|_| mediated)
    {
        add(&mut roles, Role::Mediator, &e);
        why.push(format!("mediator {}", e.label_ar));
        // بوساطة من السعودية والولايات المتحدة: actors joined to the mediator by و are
        // mediators too (but not those after بين: بوساطة روسية بين أرمينيا وأذربيجان).
        let mut last = actors
            .iter()
            .find(|(_, f)| f.ent.iri == e.iri)
            .map(|(i, _)| *i);
        while let Some(prev) = last {
            last = actors
                .iter()
                .find(|(i, f)| {
                    // والولايات المتحدة (joined by و) or قطرية مصرية أمريكية (adjacent).
                    ((*i == prev + 1) || (*i <= prev + 2 && w(input, *i).starts_with('و')))
                        && *i > prev
                        && f.ent.iri != e.iri
                })
                .map(|(i, f)| {
                    why.push(format!("mediator {}", f.ent.label_ar));
                    add(&mut roles, Role::Mediator, &f.ent);
                    *i
                });
        }
    }
    for j in (0..input.words.len()).filter(|_| mediated) {
        // An envoy speaking (المبعوث الأممي إلى اليمن X): the principal named in his role.
        if let Some(role) = claimant
            .filter(|c| c.kind == Kind::Person)
            .and_then(|c| c.role.as_deref())
            .filter(|r| lx::contains_in("mediator_roles", r))
        {
            let g = super::gazetteer::Gazetteer::shipped();
            let folded = crate::normalize::fold(role);
            if let Some(e) = g
                .matches(&folded)
                .iter()
                .filter_map(|m| g.entities.get(m.entity))
                .find(|e| matches!(e.kind, Some(Kind::Organization | Kind::State)))
            {
                let principal = Ent::from_gazetteer(e);
                why.push(format!(
                    "mediator {} (the envoy's principal)",
                    principal.label_ar
                ));
                add(&mut roles, Role::Mediator, &principal);
            }
        }
        // المبعوث الأممي، المبعوث الأمريكي: the envoy's principal mediates.
        if lx::is_in("envoy_nouns", w(input, j)) {
            if let Some((_, f)) = actors
                .iter()
                .find(|(i, f)| *i == j + 1 && f.ent.kind != Kind::Person)
            {
                add(&mut roles, Role::Mediator, &f.ent);
                why.push(format!(
                    "mediator {} (the envoy's principal)",
                    f.ent.label_ar
                ));
            }
        }
        if lx::is_in("mediator_nouns", w(input, j)) {
            if let Some((_, f)) = actors.iter().rev().find(|(i, _)| *i < j && j - *i <= 6) {
                add(&mut roles, Role::Mediator, &f.ent);
                why.push(format!(
                    "mediator {} (named as the mediator)",
                    f.ent.label_ar
                ));
            }
        }
        if lx::is_negotiation_verb(w(input, j)) {
            if let Some(c) = claimant {
                add(&mut roles, Role::Mediator, c);
            }
        }
    }
    // Signatories: وقعه X و Y.
    if let Some(j) = (0..input.words.len()).find(|&j| {
        matches!(
            w(input, j),
            x if lx::is_signed_by(x)
        ) || (lx::is_sign_verb(w(input, j))
            && (j + 1..(j + 3).min(input.words.len())).any(|k| {
                lx::trigger_class(stems(w(input, k)).last().copied().unwrap_or_default()).is_some()
            }))
    }) {
        for (i, f) in &actors {
            if *i > j && f.ent.kind == Kind::Person {
                add(&mut roles, Role::Signatory, &f.ent);
            }
        }
    }
    // Parties after بين (within the trigger's reach).
    let between = (t.word.saturating_sub(2)..(t.last + 10).min(input.words.len()))
        .find(|&j| lx::is_in("between_words", w(input, j)));
    if let Some(b) = between {
        for (i, f) in actors.iter().filter(|(i, _)| *i > b && *i <= b + 8).take(4) {
            let _ = i;
            add(&mut roles, Role::Party, &f.ent);
        }
    }
    // Agent and target.
    if matches!(
        t.class,
        EventClass::Withdrawal | EventClass::Deployment | EventClass::Clash
    ) {
        // سحب قواتها / قواته انسحبت: the possessor's forces, after or just before the act.
        let possessive = (t.word.saturating_sub(1)..(t.last + 5).min(input.words.len())).any(|j| {
            let x = w(input, j);
            lx::is_own_forces(x)
        });
        let launched_by =
            (t.word.saturating_sub(8)..(t.last + 4).min(input.words.len())).find(|&j| {
                let x = w(input, j);
                // شنته، نفذها: the verb with the act as its object pronoun.
                with_proclitic(x, &['و', 'ف'], |y| with_enclitic(y, lx::is_launched_by))
                    // وقف إطلاق النار is no launch.
                    && !(lx::is_in("firing_nouns", x)
                        && lx::is_in("fire_nouns", w(input, j + 1))
                        && j > 0
                        && lx::contains_in("halt_parts", w(input, j - 1)))
            });
        // القصف التركي، الغارات الإسرائيلية: the nationality after the act is its agent.
        let adjective = input
            .found
            .iter()
            .filter(|f| {
                f.ent.kind == Kind::State
                    && f.how == super::entities::How::Gazetteer(super::gazetteer::Form::Demonym)
            })
            .find(|f| word_index(input, f.start) == Some(t.last + 1))
            .map(|f| f.ent.clone());
        // قصفت الطائرات X مواقع Y: an act told by its verb has its subject right after it
        // (or, X قصفت, right before it in its clause) and its object after the subject.
        let act_verb = t.class == EventClass::Clash
            && with_proclitic(w(input, t.word), &['و', 'ف'], lx::is_act_verb);
        let force = |f: &Found| matches!(f.ent.kind, Kind::State | Kind::ArmedForce);
        // أرغموا القوات المعتدية على التراجع: the side forced back is inside the pattern.
        let forced = (t.class == EventClass::Withdrawal && t.last > t.word + 1)
            .then(|| {
                actors
                    .iter()
                    .find(|(i, f)| *i > t.word && *i < t.last && force(f))
            })
            .flatten();
        let agent = if let Some((_, f)) = forced {
            Some(f.ent.clone())
        } else if let Some(a) = adjective.filter(|_| t.class == EventClass::Clash) {
            Some(a)
        } else if act_verb {
            let from = clause_start(input, t.word);
            // هاجموا: a verb carrying its plural subject has it before, never after.
            let plural = w(input, t.word).ends_with("وا");
            actors
                .iter()
                .filter(|_| !plural)
                .find(|(i, f)| {
                    // هاجم مسلحون من تنظيم X: the group after «من».
                    let reach = *i <= t.word + 2
                        || (*i == t.word + 3 && lx::is_in("from_prepositions", w(input, i - 1)));
                    *i > t.word && reach && force(f)
                })
                .or_else(|| {
                    actors
                        .iter()
                        .rev()
                        .find(|(i, f)| *i < t.word && *i >= from && force(f))
                })
                .map(|(_, f)| f.ent.clone())
        } else if possessive {
            actors
                .iter()
                .rev()
                .find(|(i, f)| *i < t.word && matches!(f.ent.kind, Kind::State | Kind::ArmedForce))
                .map(|(_, f)| f.ent.clone())
                // نفت وزارة الدفاع التركية سحب قواتها: the claimant's state.
                .or_else(|| claimant.map(claimant_state))
        } else if let Some(l) = launched_by {
            // شنت القوات X هجوما: the subject between the verb and the act; X شن هجمات على Y:
            // the subject before the verb, in its clause (Y, after the act, is its target).
            let from = clause_start(input, l);
            actors
                .iter()
                .find(|(i, f)| *i > l && *i <= l + 3 && (*i < t.word || t.word <= l) && force(f))
                .or_else(|| {
                    actors
                        .iter()
                        .rev()
                        .find(|(i, f)| *i < l && *i >= from && force(f))
                })
                .map(|(_, f)| f.ent.clone())
        } else {
            None
        };
        // اتهمت X Y بـ…: the accused is the agent.
        let accused = (0..t.word)
            .rev()
            .find(|&j| lx::is_accusation(w(input, j).trim_start_matches('و')))
            .and_then(|v| {
                actors
                    .iter()
                    .find(|(i, f)| {
                        *i > v && *i < t.word && claimant.is_none_or(|c| c.iri != f.ent.iri)
                    })
                    .map(|(_, f)| f.ent.clone())
            });
        // تبادل إطلاق النار is mutual: both sides are parties, neither is the agent.
        let mutual = lx::contains_in("exchange_stems", w(input, t.word));
        let agent = if mutual { None } else { agent };
        let agent = agent.or(accused).or_else(|| {
            if t.class == EventClass::Clash {
                return None;
            }
            actors
                .iter()
                // بعثة الاتحاد الأفريقي، قوات الأمم المتحدة: an organisation's mission acts.
                .filter(|(i, f)| {
                    matches!(f.ent.kind, Kind::State | Kind::ArmedForce)
                        || (f.ent.kind == Kind::Organization
                            && *i > 0
                            && lx::is_in("mission_heads", w(input, *i - 1)))
                })
                // قوات بلاده: the claimant's own forces may act.
                .filter(|(i, f)| {
                    claimant.is_none_or(|c| c.iri != f.ent.iri)
                        || actors.len() == 1
                        || (*i > 0 && lx::is_military(w(input, *i - 1)))
                })
                .filter(|(i, _)| (*i + 12 >= t.word) && *i <= t.last + 6)
                .min_by_key(|(i, _)| {
                    if *i > t.last {
                        (*i - t.last) * 2
                    } else {
                        (t.word - *i) * 2 + 1
                    }
                })
                .map(|(_, f)| f.ent.clone())
        });
        // أعلنت الوزارة إطلاق عملية / إيقاف عمليتها: the claimant's side acts.
        // تبنت الحركة الهجوم: who claims an attack carried it out.
        let claimed = (0..t.word).any(|j| {
            matches!(
                w(input, j).trim_start_matches('و'),
                x if lx::is_claim_verb(x)
            )
        });
        // أعلن الجيش مقتل 12 مسلحا في عملية عسكرية: a force announcing an operation
        // reports its own.
        let force_announces = claimant.is_some_and(|c| c.kind == Kind::ArmedForce)
            && lx::contains_in("operation_nouns", &t.text);
        // الغارات التي شنتها المقاتلات: a subject named after the verb (even one not
        // recognised as an actor) launched it, not the speaker.
        let other_subject = launched_by.is_some_and(|l| {
            l + 1 < input.words.len() && {
                let x = w(input, l + 1);
                lx::is_military(x) || stems(x).iter().any(|s| lx::is_group_head(s))
            }
        });
        let own_operation = (launched_by.is_some() && !other_subject)
            || claimed
            || force_announces
            || w(input, t.word).ends_with("تها")
            || w(input, t.word).ends_with("ته");
        // غارات التحالف، هجوم لقوات X: the actor a noun of attack is annexed to (or that
        // follows it with ل) is who attacks.
        let annexed = (t.class == EventClass::Clash
            && with_proclitic(w(input, t.last), &['و', 'ف', 'ب', 'ل'], lx::is_agentive_act))
        .then(|| {
            actors
                .iter()
                .find(|(i, f)| *i == t.last + 1 && force(f))
                // The word itself or with ل (لقوات), not with ب (بطائرات: the means).
                .filter(|(i, _)| !w(input, *i).starts_with('ب'))
                .map(|(_, f)| f.ent.clone())
        })
        .flatten();
        let agent = agent.or(annexed).or_else(|| {
            claimant
                .filter(|_| own_operation && t.class == EventClass::Clash)
                .map(claimant_state)
        });
        if let Some(a) = agent {
            if !roles.iter().any(|(_, e)| e.iri == a.iri) {
                why.push(format!("agent {}", a.label_ar));
                roles.push((Role::Agent, a.clone()));
            }
            // The force reporting its own operation: the other side named is its target.
            if force_announces {
                let g = super::gazetteer::Gazetteer::shipped();
                let own =
                    |e: &Ent| e.root(g) == a.root(g) || claimant.is_some_and(|c| c.iri == e.iri);
                if let Some((_, f)) = actors
                    .iter()
                    .find(|(i, f)| *i > t.word.saturating_sub(8) && force(f) && !own(&f.ent))
                {
                    why.push(format!(
                        "target {} (the other side of the operation)",
                        f.ent.label_ar
                    ));
                    add(&mut roles, Role::Target, &f.ent);
                }
            }
            // The object of the act's verb, after its subject: its target.
            if act_verb {
                let g = super::gazetteer::Gazetteer::shipped();
                let hi = clause_end(input, t.last).min(next_act.unwrap_or(usize::MAX));
                let own = |e: &Ent| e.iri == a.iri || e.root(g) == a.root(g);
                // An actor joined by «و» is another subject, not the object.
                if let Some((_, f)) = actors.iter().find(|(i, f)| {
                    *i > t.word && *i < hi && !own(&f.ent) && !w(input, *i).starts_with('و')
                }) {
                    why.push(format!("target {} (the verb's object)", f.ent.label_ar));
                    add(&mut roles, Role::Target, &f.ent);
                }
            }
        }
        if t.class == EventClass::Clash {
            if let Some((_, e)) =
                entity_after_marker(input, lx::lexicon().list("target_markers"), 4, t.word)
            {
                add(&mut roles, Role::Target, &e);
            }
            // هجمات على قوات الأمن، غارات على مواقع المسلحين: «على» right after the act
            // marks what it strikes.
            if lx::is_target_after_act(w(input, t.last + 1)) {
                let limit = (t.last + 4).min(next_act.unwrap_or(usize::MAX));
                if let Some((_, f)) = actors
                    .iter()
                    .find(|(i, _)| *i > t.last + 1 && *i <= limit)
                    .filter(|(_, f)| roles.iter().all(|(_, e)| e.iri != f.ent.iri))
                {
                    why.push(format!(
                        "target {} (a target marker after the act)",
                        f.ent.label_ar
                    ));
                    add(&mut roles, Role::Target, &f.ent);
                }
            }
        }
    }
    // Remaining state-level actors are parties of agreements, talks and clashes.
    if matches!(
        t.class,
        EventClass::Agreement | EventClass::Ceasefire | EventClass::Talks | EventClass::Clash
    ) {
        let has_parties = roles
            .iter()
            .any(|(r, _)| matches!(r, Role::Party | Role::Agent));
        let mut lo = clause_start(input, t.word);
        // وصل X إلى القاهرة، للقاء Y: a purpose after a comma belongs to the clause before
        // it, across asides that name no actor (، فجر الاثنين،، إلى القاهرة،).
        if lo > 0 && lo == t.word && purpose_clitic(w(input, t.word)) {
            loop {
                let prev = clause_start(input, lo - 1);
                let named = actors.iter().any(|(i, _)| *i >= prev && *i < lo);
                lo = prev;
                if named || lo == 0 {
                    break;
                }
            }
        }
        let hi = clause_end(input, t.last).min(next_act.map_or(usize::MAX, |k| k - 1));
        // Actors named right after a mediation marker are not parties.
        let mediation: Vec<usize> = (0..input.words.len())
            .filter(|&j| stems(w(input, j)).iter().any(|m| lx::is_mediation_noun(m)))
            .collect();
        let in_clause: Vec<&(usize, &Found)> = actors
            .iter()
            .filter(|(i, _)| {
                *i >= lo && *i < hi && !mediation.iter().any(|m| *i > *m && *i <= m + 2)
            })
            .collect();
        // محادثات بين X وY: «بين» names the sides; the speaker and the rest of the clause
        // are not among them.
        let between = between_after(input, t).filter(|&b| b < hi);
        let in_clause: Vec<&(usize, &Found)> = match between {
            Some(b) if in_clause.iter().any(|(i, _)| *i > b) => {
                in_clause.into_iter().filter(|(i, _)| *i > b).collect()
            }
            _ => in_clause,
        };
        // طرفا النزاع، X وY، وقعا …: the sides the sentence names are the parties.
        let sides_phrase = (0..input.words.len().saturating_sub(1))
            .find(|&j| lx::names_sides(w(input, j), w(input, j + 1)));
        let has_parties = has_parties || {
            let mut named = false;
            if let Some(p) = sides_phrase.filter(|_| t.class != EventClass::Clash) {
                for (_, f) in actors.iter().filter(|(i, f)| {
                    *i > p + 1
                        && *i <= p + 10
                        && matches!(f.ent.kind, Kind::State | Kind::ArmedForce)
                        && !mediation.iter().any(|m| *i > *m)
                }) {
                    add(&mut roles, Role::Party, &f.ent);
                    named = true;
                }
            }
            named
        };
        let pool: Vec<&(usize, &Found)> = if in_clause.is_empty() {
            actors
                .iter()
                .filter(|(_, f)| claimant.is_none_or(|c| c.iri != f.ent.iri))
                .filter(|(i, _)| !mediation.iter().any(|m| *i > *m && *i <= m + 2))
                .filter(|(i, _)| next_act.is_none_or(|k| *i + 1 < k))
                .collect()
        } else {
            in_clause
        };
        if !has_parties {
            // Talks are held by people and bodies as well as states (اجتماع مع الرئيس X).
            let talks = t.class == EventClass::Talks;
            for (_, f) in pool.iter().filter(|(_, f)| {
                matches!(f.ent.kind, Kind::State | Kind::ArmedForce)
                    || (talks && matches!(f.ent.kind, Kind::Person | Kind::Organization))
            }) {
                if claimant.is_some_and(|c| c.iri == f.ent.iri) && actors.len() > 1 {
                    continue;
                }
                add(&mut roles, Role::Party, &f.ent);
            }
        }
    }
    // Talks with one side named: the claimant's side is the other (اجتماع مع ممثلي X); not
    // when «بين» names the sides (محادثات بين X وY: the claimant only reports them).
    if t.class == EventClass::Talks && roles.len() == 1 && between_after(input, t).is_none() {
        if let Some(c) = claimant {
            if roles[0].1.iri != c.iri {
                add(&mut roles, Role::Party, c);
            }
        }
    }
    // اشتبكت وحداته مع عناصر التنظيم: a clash «with» someone has two sides, neither the
    // attacker.
    if t.class == EventClass::Clash && lx::is_with_word(w(input, t.last + 1)) {
        if let Some((_, f)) = actors
            .iter()
            .find(|(i, _)| *i > t.last + 1 && *i <= t.last + 4)
        {
            for (role, _) in roles.iter_mut().filter(|(r, _)| *r == Role::Agent) {
                *role = Role::Party;
            }
            why.push(format!("party {} (a clash with it)", f.ent.label_ar));
            add(&mut roles, Role::Party, &f.ent);
        }
    }
    coordinated(input, &mut roles);
    roles
}

/// عشرات الحوثيين وقوات الرئيس فروا: an actor joined by «و» right after an agent or a
/// target shares its role.
fn coordinated(input: &SentenceInput<'_>, roles: &mut Vec<(Role, Ent)>) {
    let mut k = 0;
    while k < roles.len() {
        let (role, iri) = (roles[k].0, roles[k].1.iri.clone());
        k += 1;
        if !matches!(role, Role::Agent | Role::Target) {
            continue;
        }
        let Some(mention) = input.found.iter().find(|f| f.ent.iri == iri) else {
            continue;
        };
        let actor = |f: &&Found| {
            f.ent.kind.is_actor() && f.ent.kind != Kind::NewsAgency && f.ent.kind != Kind::Person
        };
        let (Some(first), Some(last)) = (
            word_index(input, mention.start),
            input.words.iter().rposition(|w| w.end <= mention.end),
        ) else {
            continue;
        };
        // X وY: the actor starting on the next word, when that word begins with «و»; and the
        // actor ending on the word before, when this one's first word does.
        let after = w(input, last + 1).starts_with('و').then(|| {
            input
                .found
                .iter()
                .filter(actor)
                .find(|f| word_index(input, f.start) == Some(last + 1))
        });
        let before = (first > 0 && w(input, first).starts_with('و')).then(|| {
            input
                .found
                .iter()
                .filter(actor)
                .find(|f| input.words.iter().rposition(|w| w.end <= f.end) == Some(first - 1))
        });
        for f in [after, before].into_iter().flatten().flatten() {
            if roles.iter().all(|(_, e)| e.iri != f.ent.iri) {
                roles.push((role, f.ent.clone()));
            }
        }
    }
}

/// Index of the word after the trigger's clause (the next comma or colon).
fn clause_end(input: &SentenceInput<'_>, last: usize) -> usize {
    (last + 1..input.words.len())
        .find(|&j| {
            input.text[input.words[j - 1].end..input.words[j].start].contains(['،', ',', ':', '"'])
        })
        .unwrap_or(input.words.len())
}

/// Picks the date of a trigger: in its clause first (nearest), else the nearest before it,
/// else after it, else the date carried over from the narrative.
fn date_for(
    input: &SentenceInput<'_>,
    t: &Trigger,
    acts: &[usize],
) -> (Option<DateValue>, bool, String) {
    let pos = input.words[t.word].start;
    let clause_lo = input.words[clause_start(input, t.word)].start;
    let clause_hi = (t.last + 1..input.words.len())
        .find(|&j| {
            input.text[input.words[j - 1].end..input.words[j].start].contains(['،', ',', ':'])
                || lx::is_clause_break(w(input, j))
        })
        .map_or(usize::MAX, |j| input.words[j].start);
    let resolved: Vec<&DateMention> = input.dates.iter().filter(|d| d.value.is_some()).collect();
    // A reference to an existing agreement takes an explicit date near it, never the news day.
    if is_reference(input, t) {
        let explicit = resolved
            .iter()
            .filter(|d| d.explicit_year && d.start >= pos)
            .max_by_key(|d| (d.value.map(|v| v.precision), std::cmp::Reverse(d.start)))
            .or_else(|| {
                resolved
                    .iter()
                    .filter(|d| d.explicit_year && d.end <= pos)
                    .max_by_key(|d| d.end)
            });
        return match explicit {
            Some(d) => (
                d.value,
                true,
                format!("{} (reference to an existing agreement)", d.how),
            ),
            None => (None, false, String::new()),
        };
    }
    // In the clause: the nearest date after the trigger (اتفاق … في 9 نوفمبر), else before.
    // A date counted from an anchor ("after 44 days") marks the end of what comes before it,
    // so it dates only what follows it.
    let derived = |d: &&&DateMention| d.how.contains("days after");
    let in_clause = resolved
        .iter()
        .filter(|d| d.start >= pos && d.start < clause_hi && !derived(d))
        .min_by_key(|d| d.start)
        .or_else(|| {
            resolved
                .iter()
                .filter(|d| d.start >= clause_lo && d.start < pos)
                .max_by_key(|d| d.start)
        });
    let derived_before = resolved
        .iter()
        .filter(|d| d.end <= pos && derived(d))
        .max_by_key(|d| d.end);
    // حسبما أفاد المرصد اليوم: a date after a trailing attribution (حسبما، بحسب، وفق) dates
    // the report, not the event.
    let of_report = |d: &&&DateMention| {
        d.start > pos
            && (t.last + 1..input.words.len())
                .take_while(|&j| input.words[j].start < d.start)
                .any(|j| lx::is_report_marker(w(input, j)))
    };
    // A date after the trigger's clause with another act between them dates that act.
    let of_a_later_act = |d: &&&DateMention| {
        word_index(input, d.start).is_some_and(|j| acts.iter().any(|&a| a > t.last && a < j))
    };
    let first = resolved
        .iter()
        .find(|d| !derived(d) && !of_report(d) && !of_a_later_act(d));
    // Only a date in the trigger's own clause makes it explicitly dated (and so a past fact
    // rather than a call or a hope).
    if let Some(d) = in_clause {
        return (d.value, d.explicit_year, d.how.clone());
    }
    if let Some(d) = derived_before.or(first) {
        return (d.value, false, d.how.clone());
    }
    if let Some(d) = input.inherited {
        // What the narrative goes on to tell happened after its anchor: the same year.
        return (
            Some(DateValue::year(d.year)),
            true,
            "year carried over from the narrative of the previous sentence".into(),
        );
    }
    (None, false, String::new())
}

/// True when the trigger names an existing agreement or operation (انتهاك اتفاق، بموجب اتفاق).
fn is_reference(input: &SentenceInput<'_>, t: &Trigger) -> bool {
    matches!(t.class, EventClass::Agreement | EventClass::Ceasefire)
        && (t.word.saturating_sub(3)..t.word).any(|j| {
            lx::is_reference(w(input, j)) || stems(w(input, j)).iter().any(|s| lx::is_reference(s))
        })
}

/// Extracts the readings of one sentence. Returns them and the triggers skipped, with why.
pub fn readings(input: &SentenceInput<'_>) -> (Vec<Reading>, Vec<String>) {
    // هل تتوقعون انتصار…؟ A question reports nothing.
    let end = input.words.last().map_or(0, |x| x.end);
    if input.text[end..]
        .chars()
        .take_while(|c| !c.is_alphanumeric())
        .any(|c| matches!(c, '؟' | '?'))
    {
        return (Vec::new(), vec!["a question reports no event".to_owned()]);
    }
    let (mut found, mut skipped) = triggers(input);
    // An agreement trigger next to a ceasefire trigger is the ceasefire.
    let ceasefires: Vec<usize> = found
        .iter()
        .filter(|t| t.class == EventClass::Ceasefire)
        .map(|t| t.word)
        .collect();
    found.retain(|t| {
        !(t.class == EventClass::Agreement && ceasefires.iter().any(|c| c.abs_diff(t.word) <= 4))
    });
    // Deaths and injuries of soldiers with no other fighting word are a clash.
    let has_clash = found.iter().any(|t| t.class == EventClass::Clash);
    let casualty = input
        .figures
        .iter()
        .find(|f| matches!(f.measure, Measure::Killed | Measure::Wounded));
    // …unless a disaster or an accident killed them (looked for only when it matters).
    let disaster = || {
        (0..input.words.len()).any(|j| {
            lx::is_disaster(w(input, j)) || stems(w(input, j)).iter().any(|s| lx::is_disaster(s))
        })
    };
    if !has_clash && casualty.is_some() && sentence_is_military(input) && !disaster() {
        if let Some(f) = casualty {
            if let Some(k) = word_index(input, f.start) {
                let military = (0..input.words.len()).any(|j| lx::is_military(w(input, j)));
                if military {
                    found.push(Trigger {
                        class: EventClass::Clash,
                        declared: None,
                        word: k,
                        last: k,
                        text: "casualties".into(),
                    });
                }
            }
        }
    }
    let mut out: Vec<Reading> = Vec::new();
    // The trigger word of each reading of `out`.
    let mut out_words: Vec<usize> = Vec::new();
    let acts: Vec<usize> = found.iter().map(|o| o.word).collect();
    for t in &found {
        let (mut date, explicit, mut date_how) = date_for(input, t, &acts);
        // غداة تبادل لإطلاق النار: the day after it, so the exchange was the day before
        // (عشية: the eve, the day after).
        let shift = (t.word.saturating_sub(2)..t.word).rev().find_map(|j| {
            let x = w(input, j);
            if lx::is_day_after(x) {
                Some(-1)
            } else if lx::is_day_before(x) {
                Some(1)
            } else {
                None
            }
        });
        if let (Some(n), Some(d)) = (
            shift,
            date.filter(|d| d.precision == super::dates::Precision::Day),
        ) {
            date = Some(d.plus_days(n));
            date_how = format!("{date_how}; {n:+} day (the day after or before)");
        }
        // An accused act happened on or before the day of the accusation: only its month is
        // known.
        let accused = (0..t.word).any(|j| lx::is_accusation(w(input, j).trim_start_matches('و')));
        if accused && !explicit {
            if let Some(d) = date.filter(|d| d.precision == super::dates::Precision::Day) {
                date = Some(DateValue::month(d.year, d.month));
                date_how = format!("{date_how}; month only, as the act is an accusation");
            }
        }
        let (claimant, denied_verb, cited, mut why) = attribution(input, t.word);
        // قالت الوزارة إن القوات لم تنسحب: a negated fact in a claimant's statement is that
        // claimant's denial, not a non-event.
        let negated_report = claimant.is_some()
            && matches!(
                t.class,
                EventClass::Withdrawal | EventClass::Deployment | EventClass::Clash
            )
            && (t.word.saturating_sub(2)..t.word).any(|j| lx::is_in("past_negations", w(input, j)));
        let status = if negated_report {
            why.push("denied: a past negation in the claimant's statement".to_owned());
            None
        } else {
            match modality(input, t, explicit) {
                // A plan, a threat or a promise with no date of its own (ستكون المعركة
                // قريبا، سنطهر الجبال) is not an event; a scheduled, dated one is kept.
                Ok(Some(Status::Planned)) if date.is_none() && !refers_back(input, t) => {
                    skipped.push(format!("{}: a plan or threat without a date", t.text));
                    continue;
                }
                Ok(s) => s,
                Err(reason) => {
                    skipped.push(reason);
                    continue;
                }
            }
        };
        let denial_phrase = {
            let from = input.words[t.word].start;
            let rest = &input.text[from..input.words.last().map_or(from, |x| x.end)];
            lx::denial_phrases()
                .iter()
                .find(|p| rest.contains(p.as_str()))
                .cloned()
        };
        let stance = if denied_verb || denial_phrase.is_some() || negated_report {
            Stance::Denied
        } else {
            Stance::Asserted
        };
        if let Some(p) = &denial_phrase {
            why.push(format!("denied by «{p}»"));
        }
        // Another act further on in the sentence opens its own clause: its sides are not
        // this one's (قصفت الطائرات مواقع التنظيم، غداة تبادل لإطلاق النار بين الجيش والمسلحين).
        let next = found
            .iter()
            .map(|o| o.word)
            .filter(|&k| k > t.last + 3)
            .min();
        let mut roles = roles(input, t, next, claimant.as_ref(), &mut why);
        // لجنة الأمن في البرلمان، مجلس الأمن: a deliberating body named beside fighting
        // comments on it; it is no side (as agent or target it stays).
        if t.class == EventClass::Clash {
            roles.retain(|(role, e)| {
                let head = crate::normalize::fold(&e.label_ar);
                let head = head.split_whitespace().next().unwrap_or_default();
                let civil = e.kind == Kind::Organization
                    && (lx::is_civil_body(head)
                        || head.strip_prefix("ال").is_some_and(lx::is_civil_body));
                if civil && *role == Role::Party {
                    why.push(format!("{} is a body that comments, no side", e.label_ar));
                }
                !(civil && *role == Role::Party)
            });
        }
        // ثم انسحبوا: a verb carrying its plural subject has none after it; its agent is
        // the agent of the act before it in the sentence.
        if w(input, t.word).ends_with("وا") && t.word == t.last {
            let after = |e: &Ent| {
                input
                    .found
                    .iter()
                    .filter(|f| f.ent.iri == e.iri)
                    .all(|f| word_index(input, f.start).is_some_and(|j| j > t.last))
            };
            roles.retain(|(r, e)| !(*r == Role::Agent && after(e)));
            if !roles.iter().any(|(r, _)| *r == Role::Agent) {
                let before = out.last().and_then(|prev: &Reading| {
                    prev.roles
                        .iter()
                        .find(|(r, _)| *r == Role::Agent)
                        .map(|(_, e)| e.clone())
                });
                if let Some(e) = before {
                    why.push(format!(
                        "agent {} (the subject of the act before)",
                        e.label_ar
                    ));
                    roles.retain(|(_, x)| x.iri != e.iri);
                    roles.insert(0, (Role::Agent, e));
                }
            }
        }
        // Deaths alone (two of its soldiers were killed) do not say who attacked: whose dead
        // they are is a side, not the agent.
        if t.text == "casualties" {
            for (role, _) in roles.iter_mut().filter(|(r, _)| *r == Role::Agent) {
                *role = Role::Party;
            }
        }
        // نفى الجيش الإسرائيلي استهداف المدنيين: who denies an act with no other actor denies
        // its own.
        if stance == Stance::Denied
            && !roles.iter().any(|(r, _)| *r == Role::Agent)
            && matches!(
                t.class,
                EventClass::Clash | EventClass::Withdrawal | EventClass::Deployment
            )
        {
            // A spokesman of a state's body speaks for that state.
            if let Some(c) = claimant.as_ref().filter(|c| {
                matches!(c.kind, Kind::State | Kind::ArmedForce | Kind::Organization)
                    || (c.kind == Kind::Person && c.part_of.is_some())
            }) {
                let own = if matches!(c.kind, Kind::Organization | Kind::Person) {
                    claimant_state(c)
                } else {
                    c.clone()
                };
                why.push(format!("agent {} (denies its own act)", own.label_ar));
                roles.push((Role::Agent, own));
            }
        }
        // أعلنت الوزارة إيقاف عمليتها: a halt of one's own operation; the speaker's side.
        if t.class == EventClass::Ceasefire && roles.is_empty() {
            let own = (t.word..=t.last).any(|j| {
                let x = w(input, j);
                lx::contains_in("operation_possessed", x)
                    || lx::contains_in("operations_nouns", x)
                        && (x.ends_with("ها") || x.ends_with('ه'))
            });
            if let Some(c) = claimant.as_ref().filter(|_| own) {
                let side = claimant_state(c);
                why.push(format!("party {} (halts its own operation)", side.label_ar));
                roles.push((Role::Party, side));
            }
        }
        let place = nearest_place(input, t);
        let planned_by_date = date
            .zip(input.published)
            .is_some_and(|(d, p)| d.range().0 > p.range().1);
        let status = if status.is_none() && planned_by_date {
            Some(Status::Planned)
        } else {
            status
        };
        let background = match (date, input.published) {
            (Some(d), Some(p)) => is_history(&d, &p),
            _ => lx::is_background_marker(w(input, 0)),
        };
        let figures: Vec<Figure> = if t.class == EventClass::Clash {
            input
                .figures
                .iter()
                .filter(|f| nearest_clash(&found, input, f.start) == Some(t.word))
                .copied()
                .collect()
        } else {
            Vec::new()
        };
        // هذه الاشتباكات: the event already reported; roles come from it (see analysis).
        let anaphoric = (t.word > 0
            && lx::is_demonstrative(w(input, t.word - 1)))
            // وبعد الاعتداء، عقب الهجوم: the attack already told.
            || (t.word > 0
                && lx::is_after_word(w(input, t.word - 1))
                && w(input, t.word).starts_with("ال")
                && t.word == t.last)
            // أعلنت مسؤولية الجماعة عن التفجير: a claim for the attack already told.
            || (t.word > 1
                && lx::is_in("about_prepositions", w(input, t.word - 1))
                && w(input, t.word).starts_with("ال")
                && (t.word.saturating_sub(3)..t.word - 1).any(|j| {
                    let x = w(input, j).trim_start_matches('و');
                    let x = x.strip_prefix("ال").unwrap_or(x);
                    lx::starts_in("responsibility_stems", x)
                }))
            || (t.class == EventClass::Clash
                && lx::ends_in("the_operation", w(input, t.word))
                && input.operation_in_focus)
            // الاتفاق without a date of its own: the agreement the article already reported.
            || (matches!(t.class, EventClass::Agreement | EventClass::Ceasefire)
                && lx::contains_in("agreement_definites", w(input, t.word))
                && !explicit);
        // An attributed toll (وفق تقديرات الأمم المتحدة) is substance even without a date.
        // X أعلن أن الأطراف وافقت على هدنة تبدأ السبت: an announced, dated agreement.
        let announced = claimant.is_some()
            && date.is_some()
            && matches!(t.class, EventClass::Agreement | EventClass::Ceasefire);
        let has_substance = anaphoric
            || announced
            || !roles.is_empty()
            || (date.is_some() && (place.is_some() || !figures.is_empty()))
            || (claimant.is_some() && !figures.is_empty())
            // دارت اشتباكات عنيفة في شارع…: fighting reported without its sides is still
            // fighting, when the word says so unambiguously and the sentence is military.
            || (t.class == EventClass::Clash
                && t.text != "casualties"
                && !lx::is_ambiguous_clash(w(input, t.word))
                && (sentence_is_military(input) || !figures.is_empty() || place.is_some()));
        // A planned, threatened or plotted attack (سيشن هجوما، قد يكون عن طريق تفجير) has
        // not happened: unlike a scheduled meeting, it is no event.
        if t.class == EventClass::Clash && status == Some(Status::Planned) {
            skipped.push(format!("{}: a planned or threatened attack", t.text));
            continue;
        }
        if !has_substance {
            skipped.push(format!("{}: {} without actors", t.text, t.class.local()));
            continue;
        }
        // A reference to an existing agreement without a date of its own adds nothing.
        if is_reference(input, t) && date.is_none() {
            skipped.push(format!(
                "{}: a reference to an agreement without a date",
                t.text
            ));
            continue;
        }
        // محادثات بين X وY: two sides even when only one is known.
        let two_sided = (t.word..(t.last + 6).min(input.words.len()))
            .find(|&j| lx::is_in("between_words", w(input, j)))
            .is_some_and(|b| {
                (b + 2..(b + 9).min(input.words.len())).any(|j| w(input, j).starts_with('و'))
            });
        // بحث X مع Y، التقت X مع Y، لقائه Y: one side named and the other introduced by مع
        // or by the possessive of the trigger.
        let with_other = !roles.is_empty()
            && ((t.word + 1..(t.last + 6).min(input.words.len()))
                .any(|j| lx::is_with_word(w(input, j)))
                || ["ه", "ها", "هم"]
                    .iter()
                    .any(|p| w(input, t.word).ends_with(p)));
        if t.class == EventClass::Talks
            && roles.len() < 2
            && !anaphoric
            && !two_sided
            && !with_other
        {
            skipped.push(format!("{}: talks need two sides", t.text));
            continue;
        }
        if !date_how.is_empty() {
            why.push(format!("date: {date_how}"));
        }
        why.insert(
            0,
            format!(
                "trigger «{}» → {}",
                t.text,
                t.declared.unwrap_or(t.class).local()
            ),
        );
        let reading = Reading {
            class: t.declared.unwrap_or(t.class),
            roles,
            places: place.into_iter().collect(),
            date,
            status,
            sentence: input.index,
            claimant,
            stance,
            cited,
            background,
            figures,
            trigger: t.text.clone(),
            why,
            anaphoric,
        };
        // One reading per class, claimant, stance and date in a sentence, unless a word
        // like «كما» (كما دارت اشتباكات في …) opens another report between the two.
        let another_report =
            |from: usize| (from + 1..t.word).any(|j| lx::is_another_report(w(input, j)));
        if let Some((same, _)) = out.iter_mut().zip(&out_words).find(|(r, &from)| {
            r.class.family() == reading.class.family()
                && r.claimant.as_ref().map(|c| &c.iri) == reading.claimant.as_ref().map(|c| &c.iri)
                && r.stance == reading.stance
                && r.date == reading.date
                && !(reading.class == EventClass::Clash
                    && (another_report(from)
                        || other_attackers(r, &reading)
                        || other_places(r, &reading)))
        }) {
            for (role, e) in reading.roles {
                if !same.roles.iter().any(|(_, x)| x.iri == e.iri) {
                    same.roles.push((role, e));
                }
            }
            if reading.class == EventClass::Ceasefire {
                same.class = EventClass::Ceasefire;
            }
            continue;
        }
        out.push(reading);
        out_words.push(t.word);
    }
    (out, skipped)
}

/// هجوم بمدينة العريش واشتباك بمدينة السويس: two acts of one sentence in different places
/// are two events.
fn other_places(a: &Reading, b: &Reading) -> bool {
    !a.places.is_empty()
        && !b.places.is_empty()
        && !a
            .places
            .iter()
            .any(|p| b.places.iter().any(|q| q.iri == p.iri))
}

/// خطف مقاتلو التنظيم …، تزامن مع هجوم شنته قوات كردية: two acts of one sentence with
/// different attackers are two events.
fn other_attackers(a: &Reading, b: &Reading) -> bool {
    let agents = |r: &Reading| -> Vec<String> {
        r.roles
            .iter()
            .filter(|(role, _)| *role == Role::Agent)
            .map(|(_, e)| e.iri.clone())
            .collect()
    };
    let (x, y) = (agents(a), agents(b));
    !x.is_empty() && !y.is_empty() && !x.iter().any(|i| y.contains(i))
}

/// هذه الاشتباكات، المفاوضات (definite talks or agreement): the trigger names an event the
/// article already reported.
fn refers_back(input: &SentenceInput<'_>, t: &Trigger) -> bool {
    (t.word > 0 && lx::is_demonstrative(w(input, t.word - 1)))
        || (matches!(
            t.class,
            EventClass::Agreement | EventClass::Ceasefire | EventClass::Talks
        ) && stems(w(input, t.word)).iter().any(|s| s.starts_with("ال")))
}

/// The word index of the clash trigger nearest to a byte position.
fn nearest_clash(found: &[Trigger], input: &SentenceInput<'_>, pos: usize) -> Option<usize> {
    found
        .iter()
        .filter(|t| t.class == EventClass::Clash)
        .min_by_key(|t| (input.words[t.word].start as i64 - pos as i64).abs())
        .map(|t| t.word)
}

fn nearest_place(input: &SentenceInput<'_>, t: &Trigger) -> Option<Ent> {
    let pos = input.words[t.word].start;
    let place = |f: &&Found| f.ent.kind == Kind::Place;
    // في اليمن، داخل ليبيا: a state named as a location is the place when no place is.
    let locative_state = |f: &&Found| {
        f.ent.kind == Kind::State
            && word_index(input, f.start)
                .is_some_and(|j| j > 0 && lx::is_place_before(w(input, j - 1)))
    };
    let any_place = input.found.iter().any(|f| place(&f));
    input
        .found
        .iter()
        .filter(|f| {
            if any_place {
                place(f)
            } else {
                locative_state(f)
            }
        })
        .min_by_key(|f| {
            let d = f.start as i64 - pos as i64;
            if d >= 0 {
                d * 2
            } else {
                -d * 3
            }
        })
        .map(|f| f.ent.clone())
}

#[cfg(test)]
mod tests {
    use super::super::analysis::analyse;
    use super::super::dates::DateValue;
    use super::{is_history, Reading, Role};
    use crate::article::Article;

    fn readings(body: &str) -> Vec<Reading> {
        analyse(&Article::from_text("t", "عنوان", body, Some("2019-03-20"))).readings
    }

    #[test]
    fn history_is_a_day_over_a_month_or_a_period_over_a_week_old() {
        let published = DateValue::day(2019, 3, 20);
        assert!(!is_history(&DateValue::day(2019, 3, 5), &published));
        assert!(is_history(&DateValue::day(2019, 2, 10), &published));
        assert!(is_history(&DateValue::month(2019, 2), &published));
        assert!(!is_history(&DateValue::month(2019, 3), &published));
        assert!(is_history(&DateValue::year(2018), &published));
    }

    #[test]
    fn whose_dead_they_are_is_a_side_not_the_attacker() {
        let r = readings("وأعلن الجيش التونسي مقتل ثلاثة من جنوده.");
        let roles: Vec<(Role, &str)> = r
            .iter()
            .flat_map(|r| r.roles.iter().map(|(role, e)| (*role, e.label_ar.as_str())))
            .collect();
        assert_eq!(
            roles,
            vec![(Role::Party, "القوات المسلحة التونسية")],
            "{r:?}"
        );
    }

    #[test]
    fn an_act_followed_by_another_keeps_its_own_sides() {
        let r =
            readings("وانسحبت القوات الإثيوبية من البلدة ثم هاجمت حركة الشباب قاعدة للجيش الكيني.");
        let withdrawal = r
            .iter()
            .find(|r| r.class == super::super::lexicon::EventClass::Withdrawal)
            .expect("a withdrawal");
        let labels: Vec<&str> = withdrawal
            .roles
            .iter()
            .map(|(_, e)| e.label_ar.as_str())
            .collect();
        assert!(
            labels.iter().all(|l| !l.contains("كيني")),
            "the second act's target leaked into the first: {labels:?}"
        );
    }
}
