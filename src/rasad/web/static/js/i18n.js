// Interface strings in Arabic (default) and English. Article text is never translated:
// the reader always shows the words as published.

const STRINGS = {
  ar: {
    title: "رصد",
    subtitle: "أحداث النزاع كما روتها الأخبار العربية",
    langToggle: "English",
    since: "من",
    until: "إلى",
    type: "النوع",
    allTypes: "كل الأنواع",
    actor: "الفاعل",
    country: "البلد",
    allCountries: "كل البلدان",
    source: "المصدر",
    minConfidence: "أدنى ثقة",
    search: "بحث في النص",
    reset: "مسح",
    events: "الأحداث",
    event: "الحدث",
    compare: "مقارنة الروايات",
    shown: "{n} حدثًا",
    onMap: "{n} على الخريطة",
    unlocated: "{n} بلا موقع",
    noEvents: "لا أحداث تطابق هذه المرشحات.",
    emptyDb: "قاعدة البيانات فارغة بعد: أضف مقالات بالأمر rasad ingest (أو rasad ingest --demo للبيانات التجريبية).",
    more: "المزيد",
    loading: "جارٍ التحميل…",
    error: "تعذّر التحميل: {msg}",
    pickEvent: "اختر حدثًا من الخريطة أو القائمة.",
    pickCluster: "اختر حدثًا له روايات متعددة.",
    actors: "الأطراف",
    actor1: "الفاعل",
    actor2: "الطرف الآخر",
    place: "المكان",
    date: "التاريخ",
    fatalities: "القتلى",
    numbers: "الأرقام",
    accordingTo: "وفقًا لـ",
    speaker: "المتحدث",
    quoted: "اقتباس مباشر",
    modality: "الصيغة",
    confidence: "الثقة",
    article: "المقال",
    evidence: "الدليل",
    precision: "الدقة",
    unknown: "غير معروف",
    brush: "اسحب على المخطط الزمني لتحديد فترة",
    clearBrush: "إلغاء الفترة",
    period: "الفترة: {a} – {b}",
    otherReports: "{n} روايات لهذا الحدث — قارن",
    contradictions: "تناقضات",
    control: "السيطرة",
    holds: "يسيطر",
    reportsCount: "{n} روايات من {m} مصادر",
    noContradictions: "لا تناقض بين الروايات.",
    claim: "رواية",
    outlet: "الوسيلة",
    legendTitle: "الأنواع",
    readerHelp: "الكلمات الملوّنة: الحدث، المكان، الفاعل، العدد، الزمن. انقر لفتح بطاقة الحدث.",
    kindEvent: "حدث",
    kindPlace: "مكان",
    kindActor: "فاعل",
    kindNumber: "عدد",
    kindTime: "زمن",
    openArticle: "المقال الأصلي",
    timeline: "الأحداث يوميًا",
    outside: "{n} خارج المحور (تواريخ بعيدة)",
  },
  en: {
    title: "rasad",
    subtitle: "Conflict events as reported in Arabic news",
    langToggle: "عربي",
    since: "From",
    until: "To",
    type: "Type",
    allTypes: "All types",
    actor: "Actor",
    country: "Country",
    allCountries: "All countries",
    source: "Source",
    minConfidence: "Min. confidence",
    search: "Search text",
    reset: "Clear",
    events: "Events",
    event: "Event",
    compare: "Compare reports",
    shown: "{n} events",
    onMap: "{n} on the map",
    unlocated: "{n} without a place",
    noEvents: "No events match these filters.",
    emptyDb: "The database is empty: add articles with rasad ingest (or rasad ingest --demo for the demo data).",
    more: "More",
    loading: "Loading…",
    error: "Could not load: {msg}",
    pickEvent: "Pick an event on the map or in the list.",
    pickCluster: "Pick an event reported by several sources.",
    actors: "Actors",
    actor1: "Actor",
    actor2: "Other party",
    place: "Place",
    date: "Date",
    fatalities: "Fatalities",
    numbers: "Numbers",
    accordingTo: "According to",
    speaker: "Speaker",
    quoted: "direct quote",
    modality: "Modality",
    confidence: "Confidence",
    article: "Article",
    evidence: "Evidence",
    precision: "precision",
    unknown: "unknown",
    brush: "Drag on the timeline to pick a period",
    clearBrush: "Clear period",
    period: "Period: {a} – {b}",
    otherReports: "{n} reports of this event — compare",
    contradictions: "Contradictions",
    control: "Control",
    holds: "Holds",
    reportsCount: "{n} reports from {m} sources",
    noContradictions: "The reports do not contradict each other.",
    claim: "Report",
    outlet: "Outlet",
    legendTitle: "Types",
    readerHelp: "Coloured words: event, place, actor, number, time. Click to open the event card.",
    kindEvent: "event",
    kindPlace: "place",
    kindActor: "actor",
    kindNumber: "number",
    kindTime: "time",
    openArticle: "Original article",
    timeline: "Events per day",
    outside: "{n} off the axis (outlying dates)",
  },
};

export const TYPES = [
  "battles",
  "explosions_remote_violence",
  "violence_against_civilians",
  "protests",
  "riots",
  "strategic_developments",
];

export const TYPE_COLOURS = {
  battles: "#c0392b",
  explosions_remote_violence: "#e67e22",
  violence_against_civilians: "#8e44ad",
  protests: "#2980b9",
  riots: "#16a085",
  strategic_developments: "#7f8c8d",
  unknown: "#34495e",
};

const LABELS = {
  ar: {
    battles: "معارك",
    explosions_remote_violence: "انفجارات وعنف عن بُعد",
    violence_against_civilians: "عنف ضد المدنيين",
    protests: "احتجاجات",
    riots: "أعمال شغب",
    strategic_developments: "تطورات استراتيجية",
    armed_clash: "اشتباك مسلح",
    government_regains_territory: "استعادة الحكومة لأراضٍ",
    non_state_actor_overtakes_territory: "سيطرة جماعة مسلحة على أراضٍ",
    chemical_weapon: "سلاح كيميائي",
    air_drone_strike: "غارة جوية أو بمسيّرة",
    suicide_bomb: "تفجير انتحاري",
    shelling_artillery_missile_attack: "قصف مدفعي أو صاروخي",
    remote_explosive_landmine_ied: "عبوة ناسفة أو لغم",
    grenade: "قنبلة يدوية",
    sexual_violence: "عنف جنسي",
    attack: "هجوم",
    abduction_forced_disappearance: "خطف أو إخفاء قسري",
    peaceful_protest: "احتجاج سلمي",
    protest_with_intervention: "احتجاج مع تدخل",
    excessive_force_against_protesters: "قوة مفرطة ضد المحتجين",
    violent_demonstration: "تظاهرة عنيفة",
    mob_violence: "عنف جماعي",
    agreement: "اتفاق",
    arrests: "اعتقالات",
    change_to_group_activity: "تغيّر في نشاط جماعة",
    disrupted_weapons_use: "إحباط استخدام سلاح",
    headquarters_or_base_established: "إقامة مقر أو قاعدة",
    looting_property_destruction: "نهب أو تدمير ممتلكات",
    non_violent_transfer_of_territory: "انتقال سلمي لأراضٍ",
    other: "أخرى",
    point: "نقطة",
    neighbourhood: "حيّ",
    town: "مدينة أو بلدة",
    district: "منطقة",
    admin1: "محافظة",
    country: "بلد",
    region: "إقليم",
    day: "يوم",
    range: "فترة",
    week: "أسبوع",
    month: "شهر",
    season: "فصل",
    year: "سنة",
    approximate: "تقريبي",
    unknown: "غير معروف",
    exact: "بالضبط",
    approximately: "نحو",
    more_than: "أكثر من",
    at_least: "على الأقل",
    less_than: "أقل من",
    at_most: "على الأكثر",
    dozens: "عشرات",
    hundreds: "مئات",
    thousands: "آلاف",
    asserted: "مؤكَّد",
    denied: "منفي",
    intended: "مُزمَع",
    hypothetical: "افتراضي",
    reported_possible: "محتمل",
  },
  en: {
    battles: "Battles",
    explosions_remote_violence: "Explosions / remote violence",
    violence_against_civilians: "Violence against civilians",
    protests: "Protests",
    riots: "Riots",
    strategic_developments: "Strategic developments",
  },
};

let lang = "ar";

export function setLang(l) {
  lang = l === "en" ? "en" : "ar";
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
  try {
    localStorage.setItem("rasad.lang", lang);
  } catch (_) {
    /* private mode: the choice lasts for this page only */
  }
}

export function getLang() {
  return lang;
}

export function initialLang() {
  try {
    return localStorage.getItem("rasad.lang") || "ar";
  } catch (_) {
    return "ar";
  }
}

export function t(key, vars = {}) {
  const s = (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.en[key] || key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : `{${k}}`));
}

/** A vocabulary value (type, sub-type, precision, qualifier, modality) in the interface language. */
export function label(value) {
  if (value === null || value === undefined || value === "") return t("unknown");
  const l = LABELS[lang] && LABELS[lang][value];
  if (l) return l;
  return String(value).replace(/_/g, " ");
}

export function fmtNumber(v) {
  if (v === null || v === undefined) return "";
  return new Intl.NumberFormat(lang === "ar" ? "ar-EG-u-nu-latn" : "en-GB").format(v);
}

/** Fill every element carrying data-i18n / data-i18n-placeholder with the current language. */
export function translatePage(root = document) {
  root.querySelectorAll("[data-i18n]").forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll("[data-i18n-placeholder]").forEach((el) => {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  });
  root.querySelectorAll("[data-i18n-title]").forEach((el) => {
    el.title = t(el.dataset.i18nTitle);
  });
}
