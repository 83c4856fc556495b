//! Word lists: event triggers per class, modality, attribution and denial. Every entry is
//! written in ordinary Arabic and folded before use, so lists read naturally.

use super::normalize::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The event classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventClass {
    /// `isnad:Agreement`
    Agreement,
    /// `isnad:Ceasefire`
    Ceasefire,
    /// `isnad:Deployment`
    Deployment,
    /// `isnad:Withdrawal`
    Withdrawal,
    /// `isnad:Clash`
    Clash,
    /// `isnad:Talks`
    Talks,
}

impl EventClass {
    /// Local name in the ontology.
    pub fn local(self) -> &'static str {
        match self {
            Self::Agreement => "Agreement",
            Self::Ceasefire => "Ceasefire",
            Self::Deployment => "Deployment",
            Self::Withdrawal => "Withdrawal",
            Self::Clash => "Clash",
            Self::Talks => "Talks",
        }
    }

    /// Parses a local name.
    pub fn from_local(local: &str) -> Option<Self> {
        Some(match local {
            "Agreement" => Self::Agreement,
            "Ceasefire" => Self::Ceasefire,
            "Deployment" => Self::Deployment,
            "Withdrawal" => Self::Withdrawal,
            "Clash" => Self::Clash,
            "Talks" => Self::Talks,
            _ => return None,
        })
    }

    /// Agreements and ceasefires may denote the same event.
    pub fn family(self) -> Self {
        match self {
            Self::Ceasefire => Self::Agreement,
            other => other,
        }
    }
}

/// Single-word triggers (verbs, derived nouns, inflections), before folding.
const TRIGGERS: &[(EventClass, &[&str])] = &[
    (
        EventClass::Withdrawal,
        &[
            "انسحب",
            "انسحبت",
            "انسحبوا",
            "ينسحب",
            "تنسحب",
            "ينسحبون",
            "انسحاب",
            "انسحابا",
            "انسحابه",
            "انسحابها",
            "انسحابهم",
            "سحب",
            "سحبت",
            "سحبوا",
            "يسحب",
            "تسحب",
            "سحبها",
            "سحبه",
            "مغادرة",
            "غادر",
            "غادرت",
            "يغادر",
            "تغادر",
            "يغادرون",
            "إخلاء",
            "أخلت",
            "أخلى",
            "رحيل",
            "خروج",
        ],
    ),
    (
        EventClass::Deployment,
        &[
            "نشر",
            "نشرت",
            "نشروا",
            "ينشر",
            "تنشر",
            "نشرها",
            "نشره",
            "انتشار",
            "انتشرت",
            "تنتشر",
            "ينتشر",
            "إدخال",
            "إدخالها",
            "أدخلت",
            "أدخل",
            "دخول",
            "دخولها",
            "دخلت",
            "دخل",
            "تمركز",
            "إرسال",
            "أرسلت",
            "أرسل",
            "يرسل",
            "ترسل",
            "نشرهم",
        ],
    ),
    (
        EventClass::Agreement,
        &[
            "اتفاق",
            "اتفاقا",
            "اتفاقية",
            "معاهدة",
            "إعلان",
            "الإعلانات",
            "اتفاقات",
            "اتفاقيات",
        ],
    ),
    (EventClass::Ceasefire, &["هدنة", "تهدئة", "الهدنة"]),
    (
        EventClass::Clash,
        &[
            "اشتباكات",
            "اشتباك",
            "اشتبكت",
            "اشتبك",
            "اشتبكوا",
            "مواجهات",
            "معارك",
            "معركة",
            "قصف",
            "قصفت",
            "هجوم",
            "هجمات",
            "هاجم",
            "هاجمت",
            "هجوما",
            "قصفا",
            "مهاجمة",
            "استهداف",
            "استهدفت",
            "استهدف",
            "غارة",
            "غارات",
            "حرب",
            "الحروب",
            "قتال",
            "عدوان",
            "تبادل",
            "اقتتال",
            "تفجير",
            "تفجيرات",
        ],
    ),
    (
        EventClass::Talks,
        &[
            "مباحثات",
            "محادثات",
            "مفاوضات",
            "اجتماع",
            "اجتماعا",
            "لقاء",
            "قمة",
            "مشاورات",
        ],
    ),
];

/// Triggers whose class is decided by a second word: "عملية عسكرية", "وقف إطلاق النار".
pub const OPERATION_QUALIFIERS: &[&str] = &[
    "عسكرية",
    "ضد",
    "لمكافحة",
    "مكافحة",
    "لتحرير",
    "لاستعادة",
    "برية",
    "جوية",
    "العسكرية",
];

/// Words after "وقف" that make a ceasefire.
pub const HALTED_FIGHTING: &[&str] = &[
    "عمليتها",
    "عملياتها",
    "إطلاق",
    "النار",
    "عملية",
    "العمليات",
    "القتال",
    "الأعمال",
    "الهجوم",
    "العملية",
    "الحرب",
];

/// Verbs that launch an operation: أطلق عملية، شنّ عملية.
pub const LAUNCH: &[&str] = &[
    "أطلق",
    "أطلقت",
    "شن",
    "شنت",
    "شنها",
    "شنتها",
    "بدء",
    "بدأت",
    "بدأ",
    "إطلاق",
    "إيقاف",
    "وقف",
    "توقف",
    "ستوقف",
    "أطلقتها",
];

/// Words that make a sentence military (for triggers that are also everyday words).
const MILITARY: &[&str] = &[
    "حصار",
    "الحصار",
    "قوات",
    "القوات",
    "قواتها",
    "قواته",
    "جيش",
    "الجيش",
    "جنود",
    "جندي",
    "وحدات",
    "الوحدات",
    "وحداته",
    "لوحداته",
    "عسكري",
    "عسكرية",
    "العسكرية",
    "العسكري",
    "مسلح",
    "مسلحة",
    "المسلحة",
    "كتيبة",
    "لواء",
    "ميليشيا",
    "ميليشيات",
    "مقاتلين",
    "مقاتلون",
    "حفظ",
    "السلام",
    "الجنود",
    "مدفعية",
    "المدفعية",
    "صواريخ",
    "الصواريخ",
    "طائرات",
    "دبابات",
    "الانفصاليين",
    "الانفصاليون",
    "انفصاليين",
    "قتلى",
    "جرحى",
    "قتيل",
    "مقتل",
    "القتال",
    "الإرهاب",
];

/// Words that make the next trigger a call, hope, demand or condition: not an event.
const NON_EVENT: &[&str] = &[
    "السماح",
    "بالسماح",
    "ضرورة",
    "بضرورة",
    "ندعو",
    "تدعو",
    "يدعو",
    "دعا",
    "دعت",
    "دعوة",
    "يدعون",
    "نتوقع",
    "يتوقع",
    "تتوقع",
    "نأمل",
    "يأمل",
    "تأمل",
    "أمله",
    "أملها",
    "يجب",
    "ينبغي",
    "طالب",
    "طالبت",
    "يطالب",
    "تطالب",
    "مطالبة",
    "نرجو",
    "نريد",
    "تريد",
    "يريد",
    "إذا",
    "لو",
    "حال",
    "شرط",
    "بشرط",
    "تسعى",
    "يسعى",
    "محاولة",
    "تحاول",
    "يحاول",
    "لم",
    "لن",
    "لا",
    "دون",
    "عدم",
    "رفض",
    "رفضت",
    "يرفض",
    "ترفض",
    "مستعدة",
    "مستعد",
    "استعداد",
    "المحتمل",
    "احتمال",
    "يمكن",
    "للتوصل",
    "قرار",
    "لمواجهة",
    "يؤيد",
    "يؤيدون",
    "تؤيد",
    "تأييد",
    "يعارض",
    "يعارضون",
    "لإبرام",
    "لبدء",
];

/// Words that make the next trigger a reference to an existing agreement or operation.
const REFERENCE: &[&str] = &[
    "انتهاك",
    "بانتهاك",
    "تنتهك",
    "ينتهك",
    "انتهكت",
    "خرق",
    "بخرق",
    "يخرق",
    "احترام",
    "باحترام",
    "الالتزام",
    "بالالتزام",
    "بموجب",
    "لمراقبة",
    "مراقبة",
    "تنفيذ",
    "لتنفيذ",
    "إطار",
    "ضمنها",
    "بنود",
    "بند",
    "نص",
    "ينص",
    "تنص",
];

/// Verbs of accusation: the accused is the agent of what follows.
const ACCUSATION: &[&str] = &["اتهم", "اتهمت", "يتهم", "تتهم", "اتهموا", "متهما", "متهمة"];

/// Words that make the next trigger a planned event.
const FUTURE: &[&str] = &[
    "سوف",
    "سيتم",
    "ستتم",
    "المقرر",
    "المقررة",
    "يعتزم",
    "تعتزم",
    "ينوي",
    "تنوي",
    "تخطط",
    "يخطط",
    "سيعقد",
    "ستعقد",
    "سيجري",
    "ستجري",
    "ستجرى",
    "سيجرى",
    "ستكون",
    "سيكون",
];

/// Words that make the next trigger a term of an agreement.
const AGREED: &[&str] = &[
    "ينص", "تنص", "نص", "قضى", "يقضي", "تقضي", "بنود", "بند", "وجاء",
];

/// Reporting verbs that give a statement its claimant.
const REPORTING: &[&str] = &[
    "تبنت",
    "تبنى",
    "قال",
    "قالت",
    "أعلن",
    "أعلنت",
    "أكد",
    "أكدت",
    "أوضح",
    "أوضحت",
    "أفاد",
    "أفادت",
    "أضاف",
    "أضافت",
    "ذكر",
    "ذكرت",
    "صرح",
    "صرحت",
    "أشار",
    "أشارت",
    "اعتبر",
    "اعتبرت",
    "نفى",
    "نفت",
    "ينفي",
    "تنفي",
    "أقر",
    "أقرت",
    "اتهم",
    "اتهمت",
    "شجب",
    "شجبت",
    "أعرب",
    "أعربت",
    "كشف",
    "كشفت",
    "تحدث",
    "تحدثت",
    "نقلت",
    "نقل",
    "أورد",
    "أوردت",
    "زعم",
    "زعمت",
    "ادعى",
    "ادعت",
    "أبلغ",
    "أبلغت",
    "يقول",
    "تقول",
    "يؤكد",
    "تؤكد",
    "أكدوا",
    "قالوا",
    "أعلنوا",
    "تابع",
    "أردف",
    "لفتت",
    "لفت",
    "بيان",
    "أصدرت",
];

/// Reporting verbs that deny.
const DENIAL_VERBS: &[&str] = &[
    "نفى",
    "نفت",
    "ينفي",
    "تنفي",
    "نفي",
    "ينفون",
    "نفوا",
    "كذبت",
    "كذب",
];

/// Phrases that deny what precedes them.
const DENIAL_PHRASES: &[&str] = &[
    "لا تعكس الحقيقة",
    "لا يعكس الحقيقة",
    "غير صحيح",
    "غير صحيحة",
    "عار عن الصحة",
    "عارية عن الصحة",
    "لا أساس له من الصحة",
    "لا أساس لها من الصحة",
    "لا صحة",
    "أنباء كاذبة",
    "مزاعم",
    "ادعاءات كاذبة",
    "مفبركة",
    "لا تغيير في",
];

/// Continuation verbs without a subject: the claimant carries over from the last sentence.
const CONTINUATION: &[&str] = &[
    "وأضاف",
    "وأضافت",
    "وتابع",
    "وتابعت",
    "وأردف",
    "وأردفت",
    "مضيفا",
    "مضيفة",
    "وأكد",
    "وأكدت",
    "وأوضح",
    "وأوضحت",
    "وأشار",
    "وأشارت",
    "ولفتت",
    "ولفت",
    "وقالت",
    "وقال",
    "أضاف",
    "أضافت",
];

/// Clash words that are also everyday words (a football match, a war on prices): they need a
/// military context.
const AMBIGUOUS_CLASH: &[&str] = &[
    "مواجهات",
    "حرب",
    "الحروب",
    "معركة",
    "معارك",
    "قتال",
    "هجوم",
    "هاجم",
    "هاجمت",
    "عدوان",
    "اقتتال",
    "هجمات",
    "هجوما",
    "مهاجمة",
    "استهداف",
    "استهدفت",
    "استهدف",
];

/// Words of sport: a sentence with them reports matches, not fighting.
const SPORT: &[&str] = &[
    "مباراة",
    "مباريات",
    "الفريق",
    "المنتخب",
    "ودية",
    "الدوري",
    "البطولة",
    "نادي",
    "النادي",
    "لاعب",
    "لاعبي",
    "اللاعب",
    "الملعب",
    "هدف",
    "أهداف",
    "المدرب",
    "كأس",
    "مهاجم",
    "لضم",
    "الانتقالات",
    "صفقة",
    "موسم",
    "الموسم",
    "سباق",
    "السباق",
];

/// What is launched in an attack: أطلقت صواريخ، أطلق قذائف، أطلقوا طائرات مسيرة.
const PROJECTILES: &[&str] = &[
    "صاروخ",
    "صاروخا",
    "صواريخ",
    "قذيفة",
    "قذائف",
    "مسيرة",
    "مسيرات",
    "مسيّرة",
    "مقذوفات",
    "قنابل",
    "قنبلة",
    "طائرة",
    "طائرات",
];

/// Natural disasters and accidents: deaths they cause are not a clash.
const DISASTER: &[&str] = &[
    "زلزال",
    "زلزالان",
    "زلزالين",
    "الزلزال",
    "هزة",
    "فيضان",
    "فيضانات",
    "الفيضانات",
    "سيول",
    "السيول",
    "إعصار",
    "الإعصار",
    "عاصفة",
    "حريق",
    "الحريق",
    "حرائق",
    "انهيار",
    "انهيارات",
    "حادث",
    "الحادث",
    "تصادم",
    "غرق",
    "الغرق",
    "وباء",
    "الوباء",
    "تسرب",
    "صعقة",
];

/// What "نشر" spreads or publishes when it is not troops: نشر الفوضى، نشر صور.
const NON_TROOP_OBJECTS: &[&str] = &[
    "فوضى",
    "الفوضى",
    "الرعب",
    "الذعر",
    "الخوف",
    "الفتنة",
    "الطائفية",
    "الفكر",
    "الأفكار",
    "ثقافة",
    "الثقافة",
    "الوعي",
    "الشائعات",
    "شائعات",
    "الإشاعات",
    "الأكاذيب",
    "الكراهية",
    "التطرف",
    "الإرهاب",
    "التسامح",
    "المعرفة",
    "صور",
    "صورة",
    "الصور",
    "فيديو",
    "مقطع",
    "تقرير",
    "تقريرا",
    "بيان",
    "بيانا",
    "مقال",
    "مقالا",
    "تغريدة",
    "الخبر",
    "خبر",
    "الأخبار",
    "قائمة",
    "أسماء",
    "نتائج",
    "النتائج",
    "إعلان",
    "إعلانات",
];

/// What a withdrawal leaves when it is not ground: الخروج من الأزمة، الانسحاب من الاتفاق.
const NON_GROUND: &[&str] = &[
    "الأزمة",
    "أزمة",
    "المأزق",
    "الركود",
    "العزلة",
    "الاتفاق",
    "الاتفاقية",
    "اتفاق",
    "المعاهدة",
    "المفاوضات",
    "الحكومة",
    "الائتلاف",
    "الانتخابات",
    "السباق",
    "البطولة",
    "المنافسة",
    "السوق",
];

/// Abstract enemies of a "war": الحرب على الإرهاب is rhetoric, not a clash.
const ABSTRACT_ENEMIES: &[&str] = &[
    "الإرهاب",
    "إرهاب",
    "الفساد",
    "المخدرات",
    "الفقر",
    "التطرف",
    "الجريمة",
    "الشائعات",
];

/// Sentence openings that continue the previous sentence's narrative (and its date).
const NARRATIVE: &[&str] = &["كما", "وكان", "وكانت", "ثم"];

/// Markers of history recalled rather than news.
const BACKGROUND: &[&str] = &[
    "وكانت",
    "وكان",
    "يشار",
    "يذكر",
    "وسبق",
    "سبق",
    "ومنذ",
    "تاريخيا",
];

fn folded_set(list: &[&str]) -> std::collections::HashSet<String> {
    list.iter().map(|w| fold(w)).collect()
}

macro_rules! set_fn {
    ($name:ident, $list:ident) => {
        /// True when the folded word is in the list.
        pub fn $name(word: &str) -> bool {
            static SET: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
            SET.get_or_init(|| folded_set($list)).contains(word)
        }
    };
}

set_fn!(is_military_word, MILITARY);

/// True for words of the military field: the list, or a stem of soldiers, forces, arms.
pub fn is_military(word: &str) -> bool {
    let w = word.trim_start_matches('و');
    is_military_word(w)
        || ["جند", "عسكر", "قوات", "مسلح", "لقوات", "بقوات", "والجند"]
            .iter()
            .any(|p| w.starts_with(p))
}
set_fn!(is_non_event, NON_EVENT);
set_fn!(is_future, FUTURE);
set_fn!(is_agreed_marker, AGREED);
set_fn!(is_reporting, REPORTING);
set_fn!(is_denial_verb, DENIAL_VERBS);
set_fn!(is_continuation, CONTINUATION);
set_fn!(is_background_marker, BACKGROUND);
set_fn!(is_narrative_opening, NARRATIVE);
set_fn!(is_ambiguous_clash, AMBIGUOUS_CLASH);
set_fn!(is_sport, SPORT);
set_fn!(is_launch, LAUNCH);
set_fn!(is_reference, REFERENCE);
set_fn!(is_accusation, ACCUSATION);
set_fn!(is_operation_qualifier, OPERATION_QUALIFIERS);
set_fn!(is_halted_fighting, HALTED_FIGHTING);

/// "طرفا النزاع", "طرفي الصراع": the words that introduce the sides of a conflict.
pub fn names_sides(first: &str, second: &str) -> bool {
    matches!(first, "طرفا" | "طرفي" | "وطرفا")
        && matches!(second, "النزاع" | "الصراع" | "الحرب" | "القتال")
}

/// "عبد", "أبو", "بن", "ولد" (folded): the article of the next word belongs to the name
/// (عبد الفتاح، أبو الغيط).
pub fn joins_name(word: &str) -> bool {
    matches!(word, "عبد" | "ابو" | "بن" | "ولد")
}

/// Words after a title's nationality that qualify the office: الأسبق، السابق…
const TITLE_QUALIFIERS: &[&str] = &[
    "الأسبق",
    "السابق",
    "السابقة",
    "الحالي",
    "الحالية",
    "الجديد",
    "الجديدة",
    "المكلف",
    "المكلفة",
    "المؤقت",
    "المؤقتة",
    "بالوكالة",
    "بالإنابة",
    "المستقيل",
    "المستقيلة",
];
set_fn!(is_title_qualifier, TITLE_QUALIFIERS);
set_fn!(is_disaster, DISASTER);
set_fn!(is_projectile, PROJECTILES);
set_fn!(is_non_ground, NON_GROUND);
set_fn!(is_non_troop_object, NON_TROOP_OBJECTS);
set_fn!(is_abstract_enemy, ABSTRACT_ENEMIES);

/// The class a single (folded, clitic-stripped) word triggers.
pub fn trigger_class(stem: &str) -> Option<EventClass> {
    static MAP: OnceLock<HashMap<String, EventClass>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for (class, words) in TRIGGERS {
            for w in *words {
                let f = fold(w);
                map.insert(f.trim_start_matches("ال").to_owned(), *class);
                map.insert(f, *class);
            }
        }
        map
    })
    .get(stem)
    .copied()
}

/// Denial phrases, folded.
pub fn denial_phrases() -> &'static [String] {
    static LIST: OnceLock<Vec<String>> = OnceLock::new();
    LIST.get_or_init(|| DENIAL_PHRASES.iter().map(|p| fold(p)).collect())
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
    fn lists_are_folded() {
        assert!(is_non_event(&fold("نأمل")));
        assert!(is_denial_verb(&fold("نفى")));
        assert!(is_reporting(&fold("أكدت")));
        assert!(is_continuation(&fold("وأضافت")));
        assert!(denial_phrases().contains(&fold("لا تعكس الحقيقة")));
    }
}
