//! Mechanisms that failed on real reports, each tested on sentences written for the test
//! (never sentences of the evaluation articles). Publication date 2021-06-16 (a Wednesday).

use super::analysis::analyse;
use super::events::{Reading, Status};
use super::lexicon::EventClass;
use crate::article::Article;

fn readings(body: &str) -> Vec<Reading> {
    analyse(&Article::from_text("t", "عنوان", body, Some("2021-06-16"))).readings
}

fn classes(body: &str) -> Vec<EventClass> {
    readings(body).iter().map(|r| r.class).collect()
}

/// The first reading of `class`, or a failure that shows them all.
fn the(r: &[Reading], class: EventClass) -> &Reading {
    r.iter()
        .find(|x| x.class == class)
        .unwrap_or_else(|| panic!("no {class:?} in {r:?}"))
}

fn actors(r: &Reading) -> Vec<String> {
    r.roles.iter().map(|(_, e)| e.label_ar.clone()).collect()
}

#[test]
fn a_modifier_inside_a_ceasefire_phrase_keeps_the_ceasefire() {
    let r = readings("أعلنت روسيا وتركيا وقفاً فورياً وشاملاً لإطلاق النار في إدلب يوم الاثنين.");
    assert!(r.iter().any(|r| r.class == EventClass::Ceasefire), "{r:?}");
}

#[test]
fn inflected_triggers_are_found_through_their_stem() {
    // Only الاشتباك and اشتباكات were ever listed; these forms come from the stem.
    let r = readings(
        "وقالت الشرطة إن المسلحين اشتبكوا مع دورية للجيش قرب الحدود، وإن باشتباكاتهم سقط جنديان.",
    );
    assert!(r.iter().any(|r| r.class == EventClass::Clash), "{r:?}");
}

#[test]
fn an_unknown_armed_group_is_an_actor() {
    let r = readings("هاجمت عناصر مسلحة مجهولة نقطة تفتيش للجيش السوداني في دارفور أمس.");
    let clash = the(&r, EventClass::Clash);
    assert!(
        actors(clash).iter().any(|a| a == "عناصر مسلحة مجهولة"),
        "{clash:?}"
    );
}

#[test]
fn a_demonym_group_is_part_of_its_state_and_the_place_is_no_actor() {
    let r = readings("قصفت طائرات حربية تركية مواقع للمتمردين في شمال العراق أمس.");
    let clash = the(&r, EventClass::Clash);
    let group = clash
        .roles
        .iter()
        .find(|(_, e)| e.label_ar == "طائرات حربية تركية")
        .unwrap_or_else(|| panic!("{clash:?}"));
    assert!(group
        .1
        .part_of
        .as_deref()
        .is_some_and(|p| p.ends_with("/tr")));
    assert!(
        !actors(clash).iter().any(|a| a == "العراق"),
        "Iraq is the place: {clash:?}"
    );
}

#[test]
fn a_question_an_undated_threat_and_a_purpose_are_not_events() {
    assert!(classes("هل تتوقعون اشتباكات جديدة بين الجيش والمتمردين؟").is_empty());
    assert!(classes("وقال القائد إن المعركة مع المتمردين ستكون قريبا.").is_empty());
    let r = readings("وصلت قوات إضافية من الجيش إلى المدينة لاجتياح مواقع المتمردين.");
    assert!(!r.iter().any(|r| r.class == EventClass::Clash), "{r:?}");
}

#[test]
fn a_dated_plan_stays_planned() {
    let r = readings("ومن المقرر أن تعقد مصر والسودان محادثات يوم الخميس المقبل.");
    let talks = the(&r, EventClass::Talks);
    assert_eq!(talks.status, Some(Status::Planned));
}

#[test]
fn a_date_after_a_trailing_attribution_is_the_reports() {
    let r = readings(
        "خطف مسلحون عشرة مدنيين في قرية شمالي مالي، حسبما أفادت مصادر محلية اليوم الأربعاء.",
    );
    let clash = the(&r, EventClass::Clash);
    assert_eq!(clash.date, None, "{clash:?}");
}

#[test]
fn the_day_after_an_exchange_of_fire_dates_it_the_day_before() {
    let r = readings("وصل وفد عسكري أمس الثلاثاء إلى الحدود غداة تبادل لإطلاق النار بين الجيشين.");
    assert!(
        r.iter().any(|r| r.class == EventClass::Clash
            && r.date.map(|d| d.lexical()).as_deref() == Some("2021-06-14")),
        "{r:?}"
    );
}

#[test]
fn talks_with_one_named_side_and_the_other_after_with() {
    let r = readings("وبحث وزير الخارجية المصري أمس مع وفد من الاتحاد الأفريقي الوضع في السودان.");
    assert!(r.iter().any(|r| r.class == EventClass::Talks), "{r:?}");
}

#[test]
fn published_statements_and_drills_are_no_deployment_or_clash() {
    assert!(!classes("وتبنى التنظيم الهجوم في بيان نشره على الإنترنت.")
        .contains(&EventClass::Deployment));
    assert!(classes("وشمل التمرين المشترك محاكاة الحرب في المناطق الجبلية.").is_empty());
}

#[test]
fn a_demonym_after_an_organisation_is_not_an_actor() {
    let r = readings("هاجمت حركة الشباب الصومالية قاعدة عسكرية في جوبا أمس.");
    let clash = the(&r, EventClass::Clash);
    assert!(!actors(clash).iter().any(|a| a == "الصومال"), "{clash:?}");
}

#[test]
fn a_demonym_of_a_place_is_no_actor_and_the_army_alone_is_the_states() {
    let r = readings(
        "وأعلنت السلطات العراقية أمس أن الجيش سيطر على البلدة، وأن قذائف سقطت على مواقع تركية قرب الحدود.",
    );
    assert!(
        !r.iter().flat_map(actors).any(|a| a == "تركيا"),
        "Türkiye only qualifies the positions: {r:?}"
    );
    let army = r
        .iter()
        .flat_map(|r| r.roles.iter())
        .find(|(_, e)| e.label_ar == "الجيش")
        .unwrap_or_else(|| panic!("{r:?}"));
    assert!(
        army.1
            .part_of
            .as_deref()
            .is_some_and(|p| p.ends_with("/iq")),
        "{army:?}"
    );
}

#[test]
fn a_second_act_in_the_sentence_keeps_its_sides_to_itself() {
    // Two clashes: an air raid today, and the exchange of fire the day before. The raid's
    // sides do not include the army and the gunmen of the exchange.
    let r = readings(
        "قصفت طائرات إسرائيلية مواقع في جنوب لبنان اليوم وذلك غداة تبادل لإطلاق النار بين الجيش اللبناني والمسلحين قرب الحدود.",
    );
    let clashes: Vec<&Reading> = r.iter().filter(|r| r.class == EventClass::Clash).collect();
    assert_eq!(clashes.len(), 2, "{r:?}");
    let raid = actors(clashes[0]).join("|");
    assert!(!raid.contains("المسلحين"), "{raid}");
    let exchange = actors(clashes[1]).join("|");
    assert!(exchange.contains("المسلحين"), "{exchange}");
    assert_ne!(clashes[0].date, clashes[1].date);
}

#[test]
fn deaths_alone_name_a_side_not_an_attacker_and_last_month_is_history() {
    let r =
        readings("وفي مايو الماضي، قال الجيش الكولومبي إن ثلاثة من جنوده قتلوا في منطقة حدودية.");
    let clash = r
        .iter()
        .find(|r| r.class == EventClass::Clash)
        .expect("a clash");
    assert!(
        clash
            .roles
            .iter()
            .all(|(role, _)| *role != super::events::Role::Agent),
        "{clash:?}"
    );
    assert!(clash.background, "{clash:?}");
}

#[test]
fn a_shooting_in_a_report_without_armed_conflict_is_a_crime() {
    // A gunman, a robbery and the police: violence, but no armed sides.
    let crime = "قالت الشرطة إن رجلا أطلق النار على زبائن متجر في مدينة ديترويت أمس فقتل ثلاثة منهم قبل أن يفر. وأضافت أن الدافع على ما يبدو السرقة.";
    assert!(
        !classes(crime).contains(&EventClass::Clash),
        "{:?}",
        readings(crime)
    );
    // The same shooting by an armed group at an army checkpoint is a clash.
    let war = "قالت الشرطة إن مسلحين من جماعة متمردة أطلقوا النار على حاجز للجيش في مدينة كيدال أمس فقتلوا ثلاثة جنود.";
    assert!(
        classes(war).contains(&EventClass::Clash),
        "{:?}",
        readings(war)
    );
}

#[test]
fn fighters_who_travel_to_fight_are_no_clash_but_a_repelled_attack_is() {
    let travel =
        "وقالت وزارة الداخلية إن عشرات الشبان سافروا للقتال في صفوف جماعات مسلحة في الصومال.";
    assert!(
        !classes(travel).contains(&EventClass::Clash),
        "{:?}",
        readings(travel)
    );
    let repelled = "وقال الجيش إن قواته تصدت للهجوم الذي شنه مسلحو الجماعة على قاعدة عسكرية أمس.";
    assert!(
        classes(repelled).contains(&EventClass::Clash),
        "{:?}",
        readings(repelled)
    );
}

#[test]
fn what_a_call_asks_for_is_no_event() {
    let call = "ودعت الأمم المتحدة إثيوبيا وإريتريا إلى وقف العنف واستئناف المحادثات في الجزائر.";
    let r = readings(call);
    assert!(
        !r.iter()
            .any(|r| matches!(r.class, EventClass::Talks | EventClass::Ceasefire)),
        "{r:?}"
    );
    // Without the call the same talks are reported.
    let held = "واستأنفت إثيوبيا وإريتريا المحادثات في الجزائر أمس.";
    assert!(
        classes(held).contains(&EventClass::Talks),
        "{:?}",
        readings(held)
    );
}

#[test]
fn a_threatened_attack_and_a_high_explosive_are_no_clash() {
    let threat =
        "وقال قائد الحركة إن مقاتليه سيشنون هجوما على مواقع الجيش في المدينة الأسبوع المقبل.";
    assert!(
        !classes(threat).contains(&EventClass::Clash),
        "{:?}",
        readings(threat)
    );
    let explosive = "وعثرت قوات الجيش على مخزن للمتمردين فيه عبوات شديدة الانفجار قرب الحدود.";
    assert!(
        !classes(explosive).contains(&EventClass::Clash),
        "{:?}",
        readings(explosive)
    );
}

#[test]
fn the_government_alone_is_the_state_in_focus() {
    let r = readings(
        "سيطر المتمردون على بلدة في شمال تشاد أمس. وقتل ثلاثة جنود عندما أرسلت الحكومة تعزيزات إلى البلدة.",
    );
    let sent = the(&r, EventClass::Deployment);
    assert_eq!(actors(sent), vec!["تشاد".to_owned()], "{sent:?}");
}

#[test]
fn an_unknown_speaker_leaves_no_claimant_and_the_forces_arrive() {
    let r =
        readings("وأكد قائد العمليات وصول ثلاثة أفواج عسكرية إلى منطقة قرب مدينة تكريت لقتال داعش.");
    let sent = the(&r, EventClass::Deployment);
    assert!(sent.claimant.is_none(), "{sent:?}");
    assert_eq!(actors(sent), vec!["أفواج عسكرية".to_owned()], "{sent:?}");
}

#[test]
fn a_war_on_terror_against_named_groups_is_fought_but_not_the_slogan() {
    let fought = "وشنت روسيا في 5 مايو «حربا على الإرهاب» ضد الجماعات المسلحة في الشيشان.";
    assert!(
        classes(fought).contains(&EventClass::Clash),
        "{:?}",
        readings(fought)
    );
    let slogan = "وأكد الرئيس الروسي أن الحرب على الإرهاب مستمرة حتى النهاية.";
    assert!(
        !classes(slogan).contains(&EventClass::Clash),
        "{:?}",
        readings(slogan)
    );
}

#[test]
fn the_side_forced_back_withdraws_and_lends_its_date_to_no_other_retreat() {
    let r = readings(
        "وقالت مصادر إن مسلحي حركة الشباب انسحبوا من بلدة في جنوب الصومال. وكانت قوات المتمردين هاجمت أمس مواقع الجيش إلا أن الجنود أرغموا قوات المتمردين على التراجع.",
    );
    let forced = r
        .iter()
        .find(|r| r.class == EventClass::Withdrawal && r.date.is_some())
        .unwrap_or_else(|| panic!("{r:?}"));
    assert_eq!(
        actors(forced),
        vec!["قوات المتمردين".to_owned()],
        "{forced:?}"
    );
    let other = r
        .iter()
        .find(|r| r.class == EventClass::Withdrawal && r.sentence == 0)
        .unwrap_or_else(|| panic!("{r:?}"));
    assert_eq!(other.date, None, "{other:?}");
}

#[test]
fn ships_of_a_state_act_and_a_state_after_a_compass_word_is_a_place() {
    let r = readings("وقالت البحرية إن سفنا روسية دخلت المياه الإقليمية للبلاد أمس.");
    let sent = the(&r, EventClass::Deployment);
    assert_eq!(actors(sent), vec!["سفنا روسية".to_owned()], "{sent:?}");
    let r = readings("ونشرت فرنسا طائرات مقاتلة في قاعدة عسكرية شمال تشاد أمس.");
    let sent = the(&r, EventClass::Deployment);
    assert_eq!(actors(sent), vec!["فرنسا".to_owned()], "{sent:?}");
}

#[test]
fn a_spokesman_s_body_takes_no_part_in_raids_others_launched() {
    let r = readings(
        "وقال المتحدث باسم قوات المعارضة إن الغارات التي شنتها المقاتلات أمس على مواقع المتمردين أدت إلى مقتل 20 مسلحا.",
    );
    let clash = the(&r, EventClass::Clash);
    assert!(
        !actors(clash).contains(&"قوات المعارضة".to_owned()),
        "{clash:?}"
    );
}

#[test]
fn states_listed_after_in_are_places_not_sides() {
    let r = readings(
        "وأكدت الشرطة أن المتهمين شاركوا في المعارك في كل من سوريا والعراق إلى جانب جماعات مسلحة.",
    );
    let clash = the(&r, EventClass::Clash);
    let sides = actors(clash);
    assert!(
        !sides.iter().any(|a| a == "سوريا" || a == "العراق"),
        "{clash:?}"
    );
}

#[test]
fn after_the_attack_refers_back_and_how_to_attack_is_no_attack() {
    let r = readings(
        "هاجم مسلحو حركة الشباب قاعدة للجيش الصومالي أمس. وبعد الهجوم، فرض الجيش الصومالي حظر التجول في المدينة.",
    );
    let clashes: Vec<_> = r.iter().filter(|r| r.class == EventClass::Clash).collect();
    assert_eq!(clashes.len(), 2, "{r:?}");
    assert_eq!(clashes[1].roles, clashes[0].roles, "{r:?}");
    let how = "ونشر التنظيم تعليمات حول كيفية شن هجمات على المطارات.";
    assert!(
        !classes(how).contains(&EventClass::Clash),
        "{:?}",
        readings(how)
    );
}

#[test]
fn fighting_told_after_kama_is_another_clash() {
    let r = readings(
        "وقصفت مدفعية الجيش مواقع المتمردين شرق المدينة، كما دارت اشتباكات عنيفة في حي السلام.",
    );
    let clashes = r.iter().filter(|r| r.class == EventClass::Clash).count();
    assert_eq!(clashes, 2, "{r:?}");
}

#[test]
fn an_end_to_the_clashes_and_halting_an_operation_keep_their_events() {
    // «للاشتباكات» is the object of «حد», not a purpose.
    let end = "وتدخلت قطر أمس سعيا إلى إنهاء للاشتباكات العنيفة بين الجيش والمتمردين في دارفور.";
    assert!(
        classes(end).contains(&EventClass::Clash),
        "{:?}",
        readings(end)
    );
    // A future halt (ستوقف) of an operation launched is no threatened attack.
    let halt = "وأعلن الرئيس أن بلاده ستوقف العملية العسكرية التي أطلقتها ضد المتمردين أمس.";
    assert!(
        classes(halt).contains(&EventClass::Clash),
        "{:?}",
        readings(halt)
    );
}

#[test]
fn two_attackers_in_one_sentence_are_two_clashes() {
    let r = readings(
        "وهاجم مسلحو حركة الشباب قاعدة للجيش الصومالي أمس في الوقت الذي قصفت فيه طائرات أمريكية مواقع للحركة في الجنوب.",
    );
    let clashes: Vec<_> = r.iter().filter(|r| r.class == EventClass::Clash).collect();
    assert_eq!(clashes.len(), 2, "{r:?}");
}

#[test]
fn command_of_units_a_battle_with_an_abstraction_and_police_sweeps_are_no_clashes() {
    // «لا يزال» is "still", not a negation; what is controlled here is forces, not ground.
    let command = "وكان القائد الذي لا يزال يسيطر على وحدات في الجيش قد تحالف مع المتمردين.";
    assert!(
        !classes(command).contains(&EventClass::Clash),
        "{:?}",
        readings(command)
    );
    let rhetoric = "وقال قائد الجيش إن المعركة مع الإرهاب طويلة وتحتاج إلى صبر.";
    assert!(
        !classes(rhetoric).contains(&EventClass::Clash),
        "{:?}",
        readings(rhetoric)
    );
    let sweep = "وألقت قوات الأمن القبض على 20 مسلحا في حملة مداهمات استهدفت عناصر التنظيم.";
    assert!(
        !classes(sweep).contains(&EventClass::Clash),
        "{:?}",
        readings(sweep)
    );
}

#[test]
fn a_state_inside_a_persons_name_is_no_actor() {
    // تركي and مصري are first names after an honorific or before بن.
    let r = readings("واجتمع الأمير تركي بن فيصل مع السفير الإيطالي في الرياض أمس.");
    let talks = the(&r, EventClass::Talks);
    assert!(actors(talks).iter().any(|a| a == "إيطاليا"), "{talks:?}");
    assert!(!actors(talks).iter().any(|a| a == "تركيا"), "{talks:?}");
}

#[test]
fn a_company_or_support_named_with_a_demonym_is_not_its_state() {
    let r = readings(
        "وعقد وزير الخارجية القطري اجتماعات مع مسؤولي شركة أرامكو السعودية والشركة الكويتية للنفط أمس.",
    );
    assert!(
        r.iter().any(|x| actors(x).iter().any(|a| a == "قطر")),
        "{r:?}"
    );
    for x in &r {
        assert!(
            !actors(x)
                .iter()
                .any(|a| a == "المملكة العربية السعودية" || a == "الكويت"),
            "{r:?}"
        );
    }
}

#[test]
fn refusing_forcing_and_making_possible_are_no_events() {
    for body in [
        "واتهم الوزير المتمردين بالامتناع عن الانسحاب من المدن.",
        "وردت القوات على مصدر النيران لإجبارها المسلحين على وقف إطلاق النار.",
        "ويناقش البرلمان قانونا يجعل من الممكن إرسال قوات إلى الخارج.",
    ] {
        let r = readings(body);
        assert!(
            !r.iter().any(|x| matches!(
                x.class,
                EventClass::Withdrawal | EventClass::Ceasefire | EventClass::Deployment
            )),
            "{body}: {r:?}"
        );
    }
}

#[test]
fn a_state_near_which_something_happens_is_a_landmark() {
    let r = readings("وقتل ثلاثة جنود في كمين نصبه مسلحون قرب الحدود مع النيجر أمس.");
    let clash = the(&r, EventClass::Clash);
    assert!(!actors(clash).iter().any(|a| a == "النيجر"), "{clash:?}");
}

#[test]
fn a_meeting_with_a_possessive_is_found() {
    // لقائه: the hamza of لقاء sits on yeh before the pronoun.
    let r = readings("وبحث الرئيس الروسي خلال لقائه الرئيس التركي في موسكو أمس الأوضاع في إدلب.");
    assert!(r.iter().any(|x| x.class == EventClass::Talks), "{r:?}");
}

#[test]
fn who_launched_an_attack_named_by_a_pronoun_is_its_agent() {
    // شنته: the launching verb carries the attack as its object pronoun.
    let r = readings("وتزامن ذلك مع هجوم شنته قوات فرنسية على مواقع المسلحين في شمال مالي أمس.");
    let clash = the(&r, EventClass::Clash);
    assert!(
        clash
            .roles
            .iter()
            .any(|(role, e)| *role == super::events::Role::Agent && e.label_ar.contains("فرنسية")),
        "{clash:?}"
    );
}

#[test]
fn a_committee_beside_fighting_is_no_side() {
    let r = readings(
        "ومع تجدد التفجيرات في الموصل طالبت لجنة الدفاع في البرلمان القوات الأمنية بتعزيز الحماية.",
    );
    let clash = the(&r, EventClass::Clash);
    assert!(
        !actors(clash).iter().any(|a| a.contains("لجنة")),
        "{clash:?}"
    );
}

#[test]
fn a_demonym_after_a_named_group_qualifies_it() {
    let r = readings("وتواصلت الاشتباكات بين قوات النظام وحزب الله اللبناني في ريف دمشق أمس.");
    let clash = the(&r, EventClass::Clash);
    assert!(!actors(clash).iter().any(|a| a == "لبنان"), "{clash:?}");
}

#[test]
fn what_is_warned_of_or_called_for_has_not_happened() {
    for body in [
        "وحذر المرصد من خطورة قيام التنظيم باستهداف المدارس في المدينة.",
        "أدعو قيادة الجيش إلى تكثيف هجومها على المتمردين في الجبال.",
    ] {
        let r = readings(body);
        assert!(
            !r.iter().any(|x| x.class == EventClass::Clash),
            "{body}: {r:?}"
        );
    }
}

#[test]
fn a_claim_for_the_attack_refers_back_to_it() {
    let r = readings(
        "قتل ثلاثة جنود أمس في تفجير سيارة مفخخة استهدف دورية للجيش قرب المدينة. وأعلنت جماعة (أنصار الحرية) المسلحة مسؤولية الجماعة عن التفجير.",
    );
    let claim = r
        .iter()
        .find(|x| x.sentence == 1 && x.class == EventClass::Clash)
        .unwrap_or_else(|| panic!("{r:?}"));
    assert!(claim.anaphoric, "{claim:?}");
    // The group named in brackets is recognised whole (not as a state inside it).
    assert_eq!(
        claim.claimant.as_ref().map(|c| c.label_ar.as_str()),
        Some("جماعة أنصار الحرية"),
        "{claim:?}"
    );
}

#[test]
fn people_forced_to_leave_are_no_withdrawal_but_forces_forced_back_are() {
    // The militia's shelling drove the villagers out: a displacement.
    let r = readings("قصفت الميليشيات المسلحة القرية بالمدفعية وأرغمتهم على مغادرة بيوتهم.");
    assert!(r.iter().all(|r| r.class != EventClass::Withdrawal), "{r:?}");
    assert!(r.iter().any(|r| r.class == EventClass::Clash), "{r:?}");
    // Forces forced back are still a withdrawal.
    let r = readings("وأجبر الجيش المسلحين على الانسحاب من التلال بعد معارك عنيفة.");
    assert!(r.iter().any(|r| r.class == EventClass::Withdrawal), "{r:?}");
}

#[test]
fn a_purpose_after_a_comma_takes_its_side_from_the_clause_before() {
    // The visitor is named before the asides of time and place; the hosts after the purpose.
    let r = readings(
        "وصل وزير الخارجية الفرنسي، صباح الأحد، إلى عمّان، لبحث الأزمة مع وزراء خارجية دول الجامعة العربية.",
    );
    let talks = the(&r, EventClass::Talks);
    assert!(actors(talks).iter().any(|a| a == "فرنسا"), "{talks:?}");
}

#[test]
fn a_meeting_of_other_people_on_the_same_trip_keeps_no_borrowed_date() {
    // The minister's meeting is dated; his deputy's meetings in the same article are other
    // meetings, even though both officials belong to the same state.
    let r = readings(
        "التقى وزير الخارجية الفرنسي لوران فابيوس يوم الثلاثاء في تونس نظيره التونسي الطيب البكوش.\n\
         كما بحث وزير الدفاع التونسي فرحات الحرشاني مع مساعد وزير الخارجية الفرنسي جان مارك آيرولت العلاقات الثنائية.",
    );
    let talks: Vec<&Reading> = r.iter().filter(|x| x.class == EventClass::Talks).collect();
    assert_eq!(talks.len(), 2, "{r:?}");
    assert!(talks[0].date.is_some(), "{:?}", talks[0]);
    assert!(talks[1].date.is_none(), "{:?}", talks[1]);
}

#[test]
fn a_state_that_condemns_an_attack_takes_no_part_in_it() {
    let r = readings("ودانت الجزائر التفجير الانتحاري الذي استهدف سوقا شعبية في مدينة كانو.");
    let clash = the(&r, EventClass::Clash);
    assert!(!actors(clash).iter().any(|a| a == "الجزائر"), "{clash:?}");
    // The attacker named after the act stays a side; only the condemner goes.
    let r = readings("وأدانت مصر قصف إسرائيل لقطاع غزة أمس.");
    let clash = the(&r, EventClass::Clash);
    assert!(actors(clash).iter().any(|a| a == "إسرائيل"), "{clash:?}");
    assert!(!actors(clash).iter().any(|a| a == "مصر"), "{clash:?}");
    // An attacker named in the condemned act still is one.
    let r = readings("وأدانت تونس الهجوم الذي شنه مسلحون على ثكنة للجيش المالي في تمبكتو.");
    let clash = the(&r, EventClass::Clash);
    assert!(actors(clash).iter().any(|a| a == "مسلحون"), "{clash:?}");
}

#[test]
fn talks_between_named_sides_do_not_take_the_speaker_as_a_side() {
    let r = readings(
        "وقال وزير الخارجية الإيطالي لويجي دي مايو إن محادثات جرت أمس بين الرئيس فلاديمير بوتين وزعيم قبلي من الساحل.",
    );
    let talks = the(&r, EventClass::Talks);
    assert!(
        actors(talks).iter().any(|a| a == "فلاديمير بوتين"),
        "{talks:?}"
    );
    assert!(
        !actors(talks).iter().any(|a| a == "لويجي دي مايو"),
        "{talks:?}"
    );
}

#[test]
fn the_nationality_of_victims_is_no_side() {
    let r = readings("وقتل مسلحون 15 سائحا أغلبهم بريطانيون في هجوم على فندق الشهر الماضي.");
    let clash = the(&r, EventClass::Clash);
    assert!(actors(clash).iter().any(|a| a == "مسلحون"), "{clash:?}");
    assert!(
        !actors(clash).iter().any(|a| a == "المملكة المتحدة"),
        "{clash:?}"
    );
    // A state's forces named by the demonym still are a side.
    let r = readings("وقصفت المدفعية التركية مواقع المسلحين قرب الحدود أمس.");
    let clash = the(&r, EventClass::Clash);
    assert!(!actors(clash).is_empty(), "{clash:?}");
}
