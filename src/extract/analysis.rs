//! One article, sentence by sentence: entities, dates, figures and readings, with the focus
//! and the narrative anchor carried from sentence to sentence.

use super::dates::{self, DateContext, DateMention, DateValue, Precision};
use super::doc::Doc;
use super::entities::{self, Ent, Focus, Found};
use super::events::{self, Reading, SentenceInput};
use super::figures::{self, Figure};
use super::gazetteer::{Gazetteer, Kind};
use super::lexicon::{self, EventClass};
use super::text::words;
use crate::article::Article;

/// What extraction found in one sentence.
#[derive(Debug)]
pub struct SentenceAnalysis {
    /// Code-point span in the body.
    pub begin: usize,
    /// End of the span.
    pub end: usize,
    /// Entities.
    pub found: Vec<Found>,
    /// Dates.
    pub dates: Vec<DateMention>,
    /// Figures.
    pub figures: Vec<Figure>,
    /// Indices of the readings taken from it.
    pub readings: Vec<usize>,
    /// Triggers not taken, with why.
    pub skipped: Vec<String>,
}

/// What extraction found in one article.
#[derive(Debug)]
pub struct Analysis {
    /// Per sentence.
    pub sentences: Vec<SentenceAnalysis>,
    /// Readings, in sentence order.
    pub readings: Vec<Reading>,
    /// Agencies the article cites (not photo credits).
    pub cited: Vec<Ent>,
    /// Entities that are not in the gazetteer, to declare in the article graph.
    pub new_entities: Vec<Ent>,
}

/// Analyses an article. Pure: no I/O.
pub fn analyse(article: &Article) -> Analysis {
    let gazetteer = Gazetteer::shipped();
    let doc = Doc::new(&article.body);
    let text = doc.text();
    let matches = gazetteer.matches(text);
    let published = article.published.as_deref().and_then(DateValue::parse_iso);
    let mut focus = Focus::default();
    let mut anchor: Option<DateValue> = None;
    let mut previous_claimant: Option<Ent> = None;
    let mut operation_in_focus = false;
    let conflict_article = std::cell::OnceCell::new();
    let mut last_cited: Option<Ent> = None;
    let mut sentences = Vec::new();
    let mut readings: Vec<Reading> = Vec::new();
    let mut cited: Vec<Ent> = Vec::new();
    let mut new_entities: Vec<Ent> = Vec::new();
    for (index, sentence) in doc.sentences.iter().enumerate() {
        let ws = words(text, sentence.start, sentence.end);
        let mut found = entities::recognise(&doc, sentence, &matches, gazetteer, &mut focus);
        let groups = super::groups::recognise(&doc, sentence, &found, focus.states.last());
        if !groups.is_empty() {
            found.extend(groups);
            found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        }
        drop_demonyms_of_organisations(text, &mut found);
        // A date inside a name (حركة 23 مارس) is no date.
        let dates: Vec<_> = dates::find(text, &ws, DateContext { published, anchor })
            .into_iter()
            .filter(|d| !found.iter().any(|f| f.start <= d.start && d.end <= f.end))
            .collect();
        let figures = figures::find(text, &ws);
        // The anchor for the next sentence: the last explicit date of this one.
        let explicit: Option<DateValue> = dates
            .iter()
            .rev()
            .filter(|d| d.explicit_year)
            .find_map(|d| d.value);
        let narrative = ws
            .first()
            .is_some_and(|x| lexicon::is_narrative_opening(&text[x.start..x.end]));
        let inherited = anchor
            .filter(|_| narrative)
            .filter(|a| published.is_none_or(|p| a.range().1 < p.range().0 - 30));
        let input = SentenceInput {
            text,
            words: &ws,
            found: &found,
            dates: &dates,
            figures: &figures,
            index,
            published,
            inherited,
            previous_claimant: previous_claimant.clone(),
            operation_in_focus,
            conflict_article: &conflict_article,
        };
        let (mut taken, skipped) = events::readings(&input);
        for r in &mut taken {
            if r.cited.is_none() {
                r.cited = last_cited.clone();
            }
            if r.class == EventClass::Clash && lexicon::contains_in("operation_nouns", &r.trigger) {
                operation_in_focus = true;
            }
        }
        for f in &found {
            if f.ent.kind == Kind::NewsAgency {
                if !cited.iter().any(|c| c.iri == f.ent.iri) {
                    cited.push(f.ent.clone());
                }
                last_cited = Some(f.ent.clone());
            }
            if f.ent.new && !new_entities.iter().any(|e| e.iri == f.ent.iri) {
                new_entities.push(f.ent.clone());
            }
        }
        if let Some(c) = taken
            .iter()
            .find_map(|r| r.claimant.clone())
            .or_else(|| events::sentence_claimant(&input))
        {
            previous_claimant = Some(c);
        }
        anchor = explicit.filter(|d| d.precision >= Precision::Year);
        let first = readings.len();
        readings.extend(taken);
        sentences.push(SentenceAnalysis {
            begin: sentence.begin_char,
            end: sentence.end_char,
            found,
            dates,
            figures,
            readings: (first..readings.len()).collect(),
            skipped,
        });
    }
    if !armed_conflict_report(text, &matches, gazetteer) {
        drop_clashes_outside_armed_conflict(&mut readings, &mut sentences);
    }
    resolve_anaphoric(&mut readings);
    propagate_dates(&mut readings, gazetteer);
    for s in &mut sentences {
        s.readings.clear();
    }
    for (i, r) in readings.iter().enumerate() {
        if let Some(s) = sentences.get_mut(r.sentence) {
            s.readings.push(i);
        }
    }
    Analysis {
        sentences,
        readings,
        cited,
        new_entities,
    }
}

/// True when the report is about armed conflict: a word of `[armed_conflict]` somewhere
/// in it, or an armed force or group of the gazetteer. A shooting in a cinema, a stabbing at
/// a march or a murder brought to court is violence, but not a clash of armed sides.
fn armed_conflict_report(text: &str, matches: &[super::gazetteer::Match], g: &Gazetteer) -> bool {
    matches.iter().any(|m| {
        g.entities
            .get(m.entity)
            .is_some_and(|e| e.kind == Some(Kind::ArmedForce))
    }) || text
        .split(|c: char| !super::text::is_word_char(c))
        .any(|w| !w.is_empty() && lexicon::is_armed_conflict_word(w))
}

/// Outside armed conflict, killings and shootings are crimes: no Clash is read (the reason
/// stays in the sentence's skipped list, for `isnad explain`).
fn drop_clashes_outside_armed_conflict(
    readings: &mut Vec<Reading>,
    sentences: &mut [SentenceAnalysis],
) {
    readings.retain(|r| {
        let keep = r.class != EventClass::Clash;
        if !keep {
            if let Some(s) = sentences.get_mut(r.sentence) {
                s.skipped.push(format!(
                    "{}: Clash in a report without armed conflict (a crime, not a clash)",
                    r.trigger
                ));
            }
        }
        keep
    });
}

/// حركة الشباب الصومالية، منظمة التحرير الفلسطينية، الشيخ عبدالله التركي: a demonym right
/// after an organisation describes it, and after a person's name it is a family name; the
/// state is not an actor of its own there.
fn drop_demonyms_of_organisations(text: &str, found: &mut Vec<Found>) {
    // Organisations, forces, people and places: a demonym right after one describes it
    // (الزبداني السورية), and one inside an organisation's name is part of it (قوات الأمن
    // العراقية).
    // A state's very name inside a group's name is part of it too (جماعة «أجناد مصر»، قوات
    // سوريا الديمقراطية); a closing quote or bracket may stand before the demonym («حزب
    // الله» اللبناني).
    let described: Vec<(usize, usize, bool)> = found
        .iter()
        .filter(|f| {
            matches!(
                f.ent.kind,
                Kind::Organization | Kind::ArmedForce | Kind::Person | Kind::Place
            )
        })
        .map(|f| {
            let group = matches!(f.ent.kind, Kind::Organization | Kind::ArmedForce);
            (f.start, f.end, group)
        })
        .collect();
    found.retain(|f| {
        let demonym = f.how == entities::How::Gazetteer(super::gazetteer::Form::Demonym);
        let name = f.how == entities::How::Gazetteer(super::gazetteer::Form::Name);
        !(f.ent.kind == Kind::State
            && described.iter().any(|&(start, end, group)| {
                (demonym
                    && end <= f.start
                    && text[end..f.start]
                        .chars()
                        .all(|c| c.is_whitespace() || matches!(c, '"' | ')')))
                    || (start < f.start && f.end <= end && (demonym || (name && group)))
            }))
    });
}

/// An undated reading takes the date of another reading of the same class in the article
/// whose actors it shares (the same event restated: a denial of a reported withdrawal).
fn propagate_dates(readings: &mut [Reading], gazetteer: &Gazetteer) {
    let roots =
        |r: &Reading| -> Vec<String> { r.roles.iter().map(|(_, e)| e.root(gazetteer)).collect() };
    for i in 0..readings.len() {
        // Reports of fighting are many separate clashes (one front, then another): an
        // undated clash keeps no date unless it refers back (هذه الاشتباكات).
        if readings[i].date.is_some() {
            continue;
        }
        // Reports of fighting are many separate clashes (one front, then another): an
        // undated clash borrows a date only from a clash of a named actor it shares (the
        // same attack restated), or when it refers back (هذه الاشتباكات).
        // (A spokesman's claim with no side of its own is the attack already reported.)
        let strict = readings[i].class == EventClass::Clash
            && !readings[i].anaphoric
            && readings[i]
                .roles
                .iter()
                .any(|(_, e)| e.kind != Kind::Person);
        let mine: Vec<String> = roots(&readings[i])
            .into_iter()
            .filter(|r| !(strict && r.contains("/group/")))
            .collect();
        // A meeting of named people is the same meeting only with one of those people: two
        // officials of one state meet others on the same trip.
        let people = |r: &Reading| -> Vec<String> {
            r.roles
                .iter()
                .filter(|(_, e)| e.kind == Kind::Person)
                .map(|(_, e)| e.iri.clone())
                .collect()
        };
        let my_people = people(&readings[i]);
        let by_people = readings[i].class.family() == EventClass::Talks && !my_people.is_empty();
        let candidates: Vec<(usize, &Reading)> = readings
            .iter()
            .enumerate()
            .filter(|(j, r)| {
                *j != i
                    && !r.background
                    && r.date.is_some_and(|d| d.precision == Precision::Day)
                    && r.class.family() == readings[i].class.family()
            })
            .collect();
        let donor = candidates
            .iter()
            .find(|(_, r)| {
                if by_people {
                    people(r).iter().any(|x| my_people.contains(x))
                } else {
                    roots(r).iter().any(|x| mine.contains(x))
                }
            })
            .or_else(|| {
                let dates: std::collections::BTreeSet<_> =
                    candidates.iter().filter_map(|(_, r)| r.date).collect();
                // One date in the article lends itself to any statement of a truce or an
                // agreement (each side states it), but a movement of troops or a meeting
                // whose sides differ from every dated one is another movement or meeting.
                let movement = matches!(
                    readings[i].class.family(),
                    EventClass::Withdrawal | EventClass::Deployment | EventClass::Talks
                );
                (dates.len() == 1 && !strict && (!movement || readings[i].roles.is_empty()))
                    .then(|| candidates.first())
                    .flatten()
            })
            .copied();
        // A term of an agreement takes the agreement's date.
        let agreement = (0..i).rev().find(|&j| {
            readings[i].status == Some(events::Status::Agreed)
                && matches!(
                    readings[j].class,
                    EventClass::Agreement | EventClass::Ceasefire
                )
                && readings[j].date.is_some()
        });
        let donor = donor.or_else(|| agreement.map(|j| (j, &readings[j])));
        if let Some((_, d)) = donor {
            let date = d.date;
            let background = d.background;
            readings[i].date = date;
            readings[i].background = background;
            readings[i].why.push(
                "date: shared with another statement of the same event in this article".into(),
            );
        }
    }
}

/// A reading named by a demonstrative (هذه الاشتباكات) takes the roles and places of the
/// latest earlier reading of its class; with none, it is dropped.
fn resolve_anaphoric(readings: &mut Vec<Reading>) {
    let mut keep = vec![true; readings.len()];
    for i in 0..readings.len() {
        if !readings[i].anaphoric {
            continue;
        }
        let candidate = |j: &usize| {
            readings[*j].class.family() == readings[i].class.family()
                && !readings[*j].roles.is_empty()
        };
        // …or, failing one with roles, the latest of its class (a truce announced by an
        // envoy without naming the sides: وقال إن الهدنة تشمل …).
        let same_family = |j: &usize| readings[*j].class.family() == readings[i].class.family();
        let source = (0..i)
            .rev()
            .filter(candidate)
            .find(|&j| !readings[j].background)
            .or_else(|| (0..i).rev().find(candidate))
            .or_else(|| (0..i).rev().find(same_family));
        match source {
            Some(j) => {
                let (roles, places, date) = (
                    readings[j].roles.clone(),
                    readings[j].places.clone(),
                    readings[j].date,
                );
                let r = &mut readings[i];
                if date.is_some() {
                    r.date = date;
                }
                let own: Vec<_> = r
                    .roles
                    .drain(..)
                    .filter(|(role, _)| *role == events::Role::Mediator)
                    .collect();
                r.roles = roles;
                for m in own {
                    if !r.roles.iter().any(|(_, e)| e.iri == m.1.iri) {
                        r.roles.push(m);
                    }
                }
                if r.places.is_empty() {
                    r.places = places;
                }
                r.why
                    .push("roles from the event this sentence refers back to".into());
            }
            // With nothing to refer to, keep it only if it stands on its own.
            None => {
                keep[i] = !readings[i].roles.is_empty()
                    && (readings[i].class != EventClass::Agreement || readings[i].date.is_some())
            }
        }
    }
    let mut k = 0;
    readings.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::events::{Role, Stance, Status};

    fn readings(body: &str) -> Vec<Reading> {
        analyse(&Article::from_text("t", "عنوان", body, Some("2021-06-16"))).readings
    }

    fn role_labels(r: &Reading, role: Role) -> Vec<String> {
        r.roles
            .iter()
            .filter(|(x, _)| *x == role)
            .map(|(_, e)| e.label_ar.clone())
            .collect()
    }

    #[test]
    fn a_withdrawal_with_its_agent_place_date_and_claimant() {
        let r =
            readings("وقالت وزارة الدفاع التركية، الأحد، إن القوات السورية انسحبت من قرية تل عدس.");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].class, EventClass::Withdrawal);
        assert_eq!(
            role_labels(&r[0], Role::Agent),
            vec!["القوات المسلحة السورية"]
        );
        assert_eq!(r[0].places[0].label_ar, "تل عدس");
        assert_eq!(
            r[0].date.map(|d| d.lexical()).as_deref(),
            Some("2021-06-13")
        );
        assert_eq!(
            r[0].claimant.as_ref().map(|c| c.label_ar.as_str()),
            Some("وزارة الدفاع التركية")
        );
        assert_eq!(r[0].stance, Stance::Asserted);
    }

    #[test]
    fn a_denial_gives_the_denied_stance() {
        let r = readings("نفت إثيوبيا سحب قواتها من الحدود مع إريتريا.");
        assert_eq!(r[0].stance, Stance::Denied);
        assert_eq!(
            r[0].claimant.as_ref().map(|c| c.label_ar.as_str()),
            Some("إثيوبيا")
        );
        let r = readings(
            "وأكدت وزارة الخارجية الصومالية أن الأنباء عن انسحاب قوات الجيش الإثيوبي غير صحيحة.",
        );
        assert_eq!(r[0].stance, Stance::Denied, "{r:?}");
    }

    #[test]
    fn calls_hopes_and_conditions_are_not_events() {
        assert!(readings("ندعو الطرفين إلى وقف إطلاق النار فورا في اليمن وسوريا.").is_empty());
        assert!(
            readings("وقال الوزير إن بلاده ستسحب قواتها إذا انسحبت القوات الإثيوبية من الحدود.")
                .iter()
                .all(|r| r.status.is_some()
                    || r.class != EventClass::Withdrawal
                    || r.trigger.contains("ستسحب"))
        );
        assert!(readings("نأمل أن تبدأ مفاوضات بين السودان وجنوب السودان.").is_empty());
    }

    #[test]
    fn announced_events_are_planned_and_terms_agreed() {
        let r = readings(
            "وذكرت الحكومة المصرية أن من المقرر عقد اجتماع بين ممثلي السودان وإثيوبيا غدا في القاهرة.",
        );
        let talks: Vec<&Reading> = r.iter().filter(|r| r.class == EventClass::Talks).collect();
        assert_eq!(talks.len(), 1, "{r:?}");
        assert_eq!(talks[0].status, Some(Status::Planned));
        assert_eq!(
            talks[0].date.map(|d| d.lexical()).as_deref(),
            Some("2021-06-17")
        );
        let r = readings(
            "وينص الاتفاق الموقع بين تشاد والنيجر على انسحاب القوات التشادية من المناطق الحدودية.",
        );
        let w: Vec<&Reading> = r
            .iter()
            .filter(|r| r.class == EventClass::Withdrawal)
            .collect();
        assert_eq!(w[0].status, Some(Status::Agreed), "{r:?}");
    }

    #[test]
    fn agreements_have_parties_mediators_and_signatories() {
        let r = readings(
            "وتوصلت إثيوبيا وإريتريا إلى هدنة لوقف إطلاق النار يوم 9 يوليو 2018 بوساطة إماراتية.",
        );
        let c = &r[0];
        assert_eq!(c.class, EventClass::Ceasefire);
        assert_eq!(
            role_labels(c, Role::Mediator),
            vec!["الإمارات العربية المتحدة"]
        );
        let parties = role_labels(c, Role::Party);
        assert!(
            parties.contains(&"إثيوبيا".to_owned()) && parties.contains(&"إريتريا".to_owned()),
            "{parties:?}"
        );
        assert_eq!(c.date.map(|d| d.lexical()).as_deref(), Some("2018-07-09"));
        assert!(c.background);
        let r = readings("ووقع الاتفاق في 1 مايو 2019 رجب طيب أردوغان وإيمانويل ماكرون.");
        assert_eq!(role_labels(&r[0], Role::Signatory).len(), 2, "{r:?}");
    }

    #[test]
    fn clashes_need_a_military_context_and_keep_their_figures() {
        assert!(readings("فاز الفريق في مواجهات الدوري أمام المنتخب المصري.").is_empty());
        assert!(readings("أعلنت الشركة الحرب على الأسعار في السوق السعودية.").is_empty());
        let r = readings(
            "وقتل 12 جنديا سوريا على الأقل في اشتباكات مع القوات التركية، حسب ما أعلنت دمشق.",
        );
        assert_eq!(r[0].class, EventClass::Clash);
        assert_eq!(r[0].figures.len(), 1);
        assert_eq!(r[0].figures[0].value, 12);
        assert_eq!(
            r[0].claimant.as_ref().map(|c| c.label_ar.as_str()),
            Some("سوريا")
        );
    }

    #[test]
    fn a_denial_restating_a_reported_withdrawal_shares_its_date() {
        let body = "وقالت روسيا، الاثنين، إن أوكرانيا سحبت قواتها من المدينة.\nلكن أوكرانيا أكدت أن المعلومات عن سحب قواتها غير صحيحة.";
        let r = readings(body);
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(r[0].date, r[1].date);
        assert_eq!(r[1].stance, Stance::Denied);
    }

    #[test]
    fn two_claimants_keep_two_figures() {
        let body = "وشنت القوات الإسرائيلية عملية عسكرية في غزة الثلاثاء.\nوقالت وزارة الصحة الفلسطينية إن 40 شخصا قتلوا في العملية العسكرية.\nفي المقابل، قال الجيش الإسرائيلي إن 12 مسلحا قتلوا خلال العملية العسكرية.";
        let r = readings(body);
        let figures: Vec<(u64, String)> = r
            .iter()
            .flat_map(|x| {
                x.figures.iter().map(move |f| {
                    (
                        f.value,
                        x.claimant
                            .as_ref()
                            .map(|c| c.label_ar.clone())
                            .unwrap_or_default(),
                    )
                })
            })
            .collect();
        // Each figure with its own claimant: the ministry's 40, the army's 12.
        let of = |v: u64| -> Vec<&str> {
            figures
                .iter()
                .filter(|(x, _)| *x == v)
                .map(|(_, c)| c.as_str())
                .collect()
        };
        assert_eq!(of(40), vec!["وزارة الصحة الفلسطينية"], "{figures:?}");
        assert_eq!(of(12), vec!["القوات المسلحة الإسرائيلية"], "{figures:?}");
    }

    #[test]
    fn disasters_rhetoric_and_spreading_are_not_events() {
        // Deaths in a flood are not a clash, even with soldiers among them.
        let r = readings("وأدت الفيضانات في باكستان إلى مقتل 40 شخصا بينهم خمسة جنود.");
        assert!(r.iter().all(|r| r.class != EventClass::Clash), "{r:?}");
        // A war on terrorism is rhetoric.
        let r = readings("وتواصل الحكومة الكينية حربها الطويلة على الإرهاب في المنطقة.");
        assert!(r.iter().all(|r| r.class != EventClass::Clash), "{r:?}");
        // Spreading chaos, publishing pictures: not a deployment.
        let r = readings("وتسعى الجماعات المسلحة في مالي إلى نشر الفوضى بين السكان.");
        assert!(r.iter().all(|r| r.class != EventClass::Deployment), "{r:?}");
        // Worshippers or aid entering is not a deployment; troops entering is.
        let r = readings("ومنعت الشرطة الإسرائيلية دخول المصلين إلى المسجد أمس.");
        assert!(r.iter().all(|r| r.class != EventClass::Deployment), "{r:?}");
        let r = readings("وقالت أنقرة إن القوات التركية دخلت بلدة جرابلس السورية أمس.");
        assert!(r.iter().any(|r| r.class == EventClass::Deployment), "{r:?}");
        // The rules do not swallow real events of the same words.
        let r = readings("وأعلنت تشاد نشر 500 جندي على حدودها مع ليبيا.");
        assert!(r.iter().any(|r| r.class == EventClass::Deployment), "{r:?}");
        let r =
            readings("وقالت نيجيريا إن جنودها قتلوا 12 مسلحا في اشتباكات قرب الحدود مع النيجر.");
        assert!(r.iter().any(|r| r.class == EventClass::Clash), "{r:?}");
    }

    fn claimant_of(r: &Reading) -> String {
        r.claimant
            .as_ref()
            .map(|c| c.label_ar.clone())
            .unwrap_or_default()
    }

    #[test]
    fn denials_in_a_statement_and_own_forces() {
        // نفت … في بيان: the statement carries the denial; قواتها is the claimant's state.
        let r = readings("ونفت وزارة الدفاع المصرية في بيان سحب أي من قواتها من السودان.");
        let w = r
            .iter()
            .find(|r| r.class == EventClass::Withdrawal)
            .unwrap();
        assert_eq!(w.stance, Stance::Denied, "{w:?}");
        assert_eq!(role_labels(w, Role::Agent), vec!["مصر"], "{w:?}");
        // A denier with no other actor denies its own act.
        let r = readings("ونفت أوغندا في بيان قصف مواقع المتمردين.");
        let c = r.iter().find(|r| r.class == EventClass::Clash).unwrap();
        assert_eq!(c.stance, Stance::Denied);
        assert!(c.roles.iter().any(|(_, e)| e.label_ar == "أوغندا"), "{c:?}");
        // SVO: a titled speaker named before the verb, with a three-word name.
        let r = readings(
            "وكان المتحدث باسم الحكومة الصومالية محمد عبدي ورسمي نفى انسحاب قوات بلاده من الإقليم.",
        );
        let w = r
            .iter()
            .find(|r| r.class == EventClass::Withdrawal)
            .unwrap();
        assert_eq!(claimant_of(w), "محمد عبدي ورسمي");
        assert_eq!(w.stance, Stance::Denied);
        assert_eq!(role_labels(w, Role::Agent), vec!["الصومال"], "{w:?}");
        // وقال continues this sentence's speaker, without its denial.
        let r = readings("ونفت كينيا مهاجمة المدنيين، وقالت إن قواتها قصفت مواقع لحركة الشباب.");
        let asserted = r.iter().find(|r| r.stance == Stance::Asserted).unwrap();
        assert_eq!(claimant_of(asserted), "كينيا", "{asserted:?}");
    }

    #[test]
    fn sides_mediators_and_mutual_fire() {
        // Mediators joined by و are all mediators; the named sides are الطرفين.
        let r = readings(
            "وقع طرفا النزاع في اليمن، الحكومة اليمنية والحوثيون، هدنة بوساطة من قطر والأمم المتحدة. \
             وقال مسؤولون إن مفاوضات بين الطرفين ستبدأ.",
        );
        let truce = r.iter().find(|r| r.class == EventClass::Ceasefire).unwrap();
        let mediators = role_labels(truce, Role::Mediator);
        assert!(mediators.contains(&"قطر".to_owned()), "{truce:?}");
        assert!(mediators.contains(&"الأمم المتحدة".to_owned()), "{truce:?}");
        assert!(
            role_labels(truce, Role::Party).contains(&"الحوثيون".to_owned()),
            "{truce:?}"
        );
        let talks = r.iter().find(|r| r.class == EventClass::Talks).unwrap();
        assert!(
            role_labels(talks, Role::Party).contains(&"الحوثيون".to_owned()),
            "{talks:?}"
        );
        // تبادل … إطلاق النار: both sides are parties.
        let r = readings("وتبادل الجيش الهندي والجيش الباكستاني إطلاق النار على الحدود أمس.");
        let c = r.iter().find(|r| r.class == EventClass::Clash).unwrap();
        assert!(role_labels(c, Role::Agent).is_empty(), "{c:?}");
        assert_eq!(role_labels(c, Role::Party).len(), 2, "{c:?}");
        // Talks between a known side and an unknown one.
        let r = readings("وانطلقت محادثات بين حكومة تشاد وتحالف فصائل المعارضة في الدوحة.");
        assert!(r.iter().any(|r| r.class == EventClass::Talks), "{r:?}");
        // An outbreak of war is a clash even without soldiers in the sentence.
        let r = readings("واندلعت الحرب في 3 مارس 2021 وأدت إلى نزوح مليون شخص في إقليم كيفو.");
        assert!(r.iter().any(|r| r.class == EventClass::Clash), "{r:?}");
    }

    #[test]
    fn launches_negated_reports_envoys_and_names() {
        // Launching missiles at a target is an attack.
        let r = readings("وقالت إسرائيل إن حركة الجهاد الإسلامي أطلقت 30 صاروخا على مدينة سديروت.");
        assert!(r.iter().any(|r| r.class == EventClass::Clash), "{r:?}");
        // A negated fact in a statement is the speaker's denial.
        let r = readings("وقالت الحكومة السورية إن القوات التركية لم تنسحب من بلدة تل رفعت.");
        let w = r
            .iter()
            .find(|r| r.class == EventClass::Withdrawal)
            .unwrap();
        assert_eq!(w.stance, Stance::Denied, "{w:?}");
        // Without a speaker, a negation is still no event.
        assert!(readings("لم تنسحب القوات التركية من البلدة.").is_empty());
        // An envoy's principal mediates the truce he announces.
        let r = readings(
            "وأعلن المبعوث الأممي إلى ليبيا غسان سلامة أن الطرفين وافقا على هدنة تبدأ الأحد.",
        );
        let t = r.iter().find(|r| r.class == EventClass::Ceasefire).unwrap();
        assert_eq!(
            role_labels(t, Role::Mediator),
            vec!["الأمم المتحدة"],
            "{t:?}"
        );
        // Names with a hamza alef and a nisba family name.
        let r = readings("وقال وزير الخارجية الأردني أيمن الصفدي إن بلاده نشرت قوات على الحدود.");
        let d = r
            .iter()
            .find(|r| r.class == EventClass::Deployment)
            .unwrap();
        assert_eq!(claimant_of(d), "أيمن الصفدي", "{d:?}");
        // Deaths during a siege are a clash.
        let r = readings("وقال محافظ المدينة إن 300 مدني قتلوا خلال الحصار الروسي لبلدة إيزيوم.");
        assert!(r.iter().any(|r| r.class == EventClass::Clash), "{r:?}");
    }

    #[test]
    fn battlefields_any_permission_and_leaving_a_crisis_are_not_events() {
        assert!(readings(
            "وقال الوزير إنه لا حاجة لإرسال الجنود الكنديين إلى ساحة المعركة في العراق."
        )
        .iter()
        .all(|r| r.class != EventClass::Clash));
        assert!(
            readings("وأكد الوزيران حماية أراضي الأردن من أي عدوان خارجي على حدوده.")
                .iter()
                .all(|r| r.class != EventClass::Clash)
        );
        assert!(
            readings("وقررت فرنسا السماح بشن غارات جوية على مواقع المسلحين في مالي.").is_empty()
        );
        assert!(
            readings("ودعا الجيش السوداني إلى الخروج من الأزمة السياسية عبر الحوار.")
                .iter()
                .all(|r| r.class != EventClass::Withdrawal)
        );
        // The real thing still counts.
        let r = readings("وقال الجيش المالي إن قواته انسحبت من بلدة تساليت أمس.");
        assert!(r.iter().any(|r| r.class == EventClass::Withdrawal), "{r:?}");
    }

    #[test]
    fn nationalities_missions_claims_and_compound_names() {
        // The nationality after the act is its agent, not the speaker.
        let r = readings("وقالت حركة الشباب إن القصف الكيني على مواقعها لم يتوقف.");
        let c = r.iter().find(|r| r.class == EventClass::Clash).unwrap();
        assert_eq!(role_labels(c, Role::Agent), vec!["كينيا"], "{c:?}");
        // Suspending an operation is a ceasefire.
        let r = readings("وأعلنت إثيوبيا تعليق عملياتها العسكرية في الإقليم لمدة أسبوع.");
        assert!(r.iter().any(|r| r.class == EventClass::Ceasefire), "{r:?}");
        // An organisation's mission deploys.
        let r = readings("وأعلنت بعثة الأمم المتحدة في مالي نشر 300 جندي في مدينة غاو.");
        let d = r
            .iter()
            .find(|r| r.class == EventClass::Deployment)
            .unwrap();
        assert_eq!(role_labels(d, Role::Agent), vec!["الأمم المتحدة"], "{d:?}");
        // Who claims an attack carried it out.
        let r = readings("وتبنى تنظيم داعش الهجوم على نقطة التفتيش في بيان.");
        let c = r.iter().find(|r| r.class == EventClass::Clash).unwrap();
        assert!(
            role_labels(c, Role::Agent).contains(&"تنظيم الدولة الإسلامية".to_owned()),
            "{c:?}"
        );
        // عبد + a name with the article is one name.
        let r =
            readings("وقال المتحدث باسم الجيش النيجيري عبد الرحمن موسى إن قواته انسحبت من البلدة.");
        let w = r
            .iter()
            .find(|r| r.class == EventClass::Withdrawal)
            .unwrap();
        assert_eq!(claimant_of(w), "عبد الرحمن موسى", "{w:?}");
        // A date inside a name is no date.
        let r = readings("واشتبك الجيش الكونغولي مع حركة 23 مارس قرب غوما.");
        let c = r.iter().find(|r| r.class == EventClass::Clash).unwrap();
        assert!(c.date.is_none(), "{c:?}");
    }
}
