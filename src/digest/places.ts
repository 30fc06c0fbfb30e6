import { normalize, normalizeUnit, tokenize } from '../arabic/index.js';

/**
 * The places below a country where the region's wars are fought and reported from — provinces,
 * towns, districts, bases — so that reports of two fronts of one war stay two stories. Reports
 * from Saada and from Taiz, or from Afrin and from Eastern Ghouta, share their actors, their
 * war words and much of their wording; what tells them apart is where they happen, and a news
 * headline names it.
 *
 * Each entry: an id, its Arabic spellings (one or more words, as written in headlines), and the
 * ids of the places it lies within (a town of Eastern Ghouta names Eastern Ghouta too, so a
 * report from Douma and one from Hamouriyeh are one front). Left out on purpose:
 * - capitals, which headlines use for their governments ("دمشق ترد", "الرياض تتهم");
 * - names that are also common words in headlines (تدمر "destroys", القدم "the foot", الضمير
 *   "the conscience", عمران, أسير, الزاوية, القائم, حرض "incited", سرت "spread", حديثة "recent",
 *   هجين "hybrid", الطبقة "the class", القصير "the short", الكفرة "the infidels", صور "pictures",
 *   زنجبار, عتق, جوبا: another place or a word as often as the place).
 */
const PLACES: {
  id: string;
  names: string[];
  within?: string[];
  /** Only as written, never behind a proclitic letter. */
  bare?: boolean;
  /** Words that, before the name, make it part of another name ("الخوذ البيضاء", "فيلق القدس"). */
  notAfter?: string[];
  /** Words that, after the name, make it part of another name ("حماة الوطن", "القدس العربي"). */
  notBefore?: string[];
}[] = [
  // Syria
  { id: 'ghouta', names: ['الغوطة', 'غوطة دمشق'] },
  // Without the article: the Russian Duma is "الدوما".
  { id: 'douma', names: ['دوما'], within: ['ghouta'], bare: true },
  { id: 'harasta', names: ['حرستا'], within: ['ghouta'] },
  { id: 'hamouriyeh', names: ['حمورية'], within: ['ghouta'] },
  { id: 'saqba', names: ['سقبا'], within: ['ghouta'] },
  { id: 'kafr-batna', names: ['كفربطنا', 'كفر بطنا'], within: ['ghouta'] },
  { id: 'zamalka', names: ['زملكا'], within: ['ghouta'] },
  { id: 'ein-tarma', names: ['عين ترما'], within: ['ghouta'] },
  { id: 'misraba', names: ['مسرابا'], within: ['ghouta'] },
  { id: 'jisreen', names: ['جسرين'], within: ['ghouta'] },
  { id: 'qalamoun', names: ['القلمون'] },
  { id: 'ruhaybah', names: ['الرحيبة'], within: ['qalamoun'] },
  { id: 'jayrud', names: ['جيرود'], within: ['qalamoun'] },
  { id: 'yarmouk', names: ['اليرموك'] },
  { id: 'afrin', names: ['عفرين'] },
  { id: 'jandairis', names: ['جنديرس'], within: ['afrin'] },
  { id: 'rajo', names: ['راجو'], within: ['afrin'] },
  { id: 'manbij', names: ['منبج'] },
  { id: 'tal-rifaat', names: ['تل رفعت'] },
  { id: 'idlib', names: ['إدلب'] },
  { id: 'saraqib', names: ['سراقب'], within: ['idlib'] },
  { id: 'maarat', names: ['معرة النعمان'], within: ['idlib'] },
  { id: 'khan-sheikhoun', names: ['خان شيخون'], within: ['idlib'] },
  { id: 'jisr-shughur', names: ['جسر الشغور'], within: ['idlib'] },
  { id: 'aleppo', names: ['حلب'] },
  // "حماة الوطن" (the nation's protectors) names an exercise and an Egyptian party.
  { id: 'hama', names: ['حماة'], notBefore: ['الوطن', 'الديار'] },
  { id: 'homs', names: ['حمص'] },
  { id: 'rastan', names: ['الرستن'], within: ['homs'] },
  { id: 'talbiseh', names: ['تلبيسة'], within: ['homs'] },
  { id: 'houla', names: ['الحولة'], within: ['homs'] },
  { id: 'daraa', names: ['درعا'] },
  { id: 'quneitra', names: ['القنيطرة'] },
  { id: 'sweida', names: ['السويداء'] },
  { id: 'deir-ez-zor', names: ['دير الزور'] },
  { id: 'bukamal', names: ['البوكمال'], within: ['deir-ez-zor'] },
  { id: 'raqqa', names: ['الرقة'] },
  { id: 'hasakah', names: ['الحسكة'] },
  { id: 'qamishli', names: ['القامشلي'], within: ['hasakah'] },
  { id: 'latakia', names: ['اللاذقية'] },
  { id: 'hmeimim', names: ['حميميم'], within: ['latakia'] },
  { id: 'tartus', names: ['طرطوس'] },
  { id: 'tanf', names: ['التنف'] },
  { id: 'shayrat', names: ['الشعيرات'], within: ['homs'] },
  { id: 't4', names: ['التيفور', 'تيفور', 'تي فور', 'T4', 'T 4'], within: ['homs'] },
  { id: 'golan', names: ['الجولان'] },
  { id: 'sukhnah', names: ['السخنة'] },
  { id: 'baghouz', names: ['الباغوز'], within: ['deir-ez-zor'] },
  { id: 'jarabulus', names: ['جرابلس'] },
  { id: 'tal-abyad', names: ['تل أبيض'] },
  { id: 'ras-al-ain', names: ['رأس العين'] },
  { id: 'kobani', names: ['كوباني', 'عين العرب'] },
  { id: 'zabadani', names: ['الزبداني'] },
  { id: 'madaya', names: ['مضايا'] },
  { id: 'daraya', names: ['داريا'] },
  // Yemen
  { id: 'saada', names: ['صعدة'] },
  { id: 'kitaf', names: ['كتاف'], within: ['saada'] },
  { id: 'razih', names: ['رازح'], within: ['saada'] },
  { id: 'baqim', names: ['باقم'], within: ['saada'] },
  { id: 'haydan', names: ['حيدان'], within: ['saada'] },
  { id: 'dahyan', names: ['ضحيان'], within: ['saada'] },
  // Bare: "بحجة" is most often "on the pretext".
  { id: 'hajjah', names: ['حجة'], bare: true },
  { id: 'midi', names: ['ميدي'], within: ['hajjah'] },
  { id: 'hodeidah', names: ['الحديدة'] },
  { id: 'west-coast', names: ['الساحل الغربي'] },
  { id: 'khokha', names: ['الخوخة'], within: ['hodeidah', 'west-coast'] },
  { id: 'hays', names: ['حيس'], within: ['hodeidah', 'west-coast'] },
  { id: 'tuhayta', names: ['التحيتا'], within: ['hodeidah', 'west-coast'] },
  { id: 'zabid', names: ['زبيد'], within: ['hodeidah'] },
  { id: 'durayhimi', names: ['الدريهمي'], within: ['hodeidah'] },
  { id: 'taiz', names: ['تعز'] },
  { id: 'mokha', names: ['المخا'], within: ['taiz', 'west-coast'] },
  { id: 'maqbana', names: ['مقبنة'], within: ['taiz'] },
  { id: 'waziiyah', names: ['الوازعية'], within: ['taiz'] },
  { id: 'marib', names: ['مأرب'] },
  { id: 'sirwah', names: ['صرواح'], within: ['marib'] },
  { id: 'sanaa', names: ['صنعاء'] },
  // Bare: "بنهم" is "greedily".
  { id: 'nihm', names: ['نهم'], within: ['sanaa'], bare: true },
  // Casablanca, the White Helmets, the white flag.
  { id: 'bayda', names: ['البيضاء'], notAfter: ['الدار', 'الخوذ', 'الراية', 'القبعات'] },
  { id: 'qayfa', names: ['قيفة'], within: ['bayda'] },
  { id: 'jawf', names: ['الجوف'] },
  { id: 'shabwa', names: ['شبوة'] },
  { id: 'bayhan', names: ['بيحان'], within: ['shabwa'] },
  { id: 'abyan', names: ['أبين'] },
  { id: 'mahfad', names: ['المحفد'], within: ['abyan'] },
  { id: 'lahj', names: ['لحج'] },
  { id: 'aden', names: ['عدن'] },
  { id: 'dhale', names: ['الضالع'] },
  { id: 'dhamar', names: ['ذمار'] },
  { id: 'hadramawt', names: ['حضرموت'] },
  { id: 'mukalla', names: ['المكلا'], within: ['hadramawt'] },
  { id: 'mahra', names: ['المهرة'] },
  { id: 'socotra', names: ['سقطرى'] },
  { id: 'mahwit', names: ['المحويت'] },
  { id: 'harf-sufyan', names: ['حرف سفيان'] },
  { id: 'malahit', names: ['الملاحيط'], within: ['saada'] },
  { id: 'seiyun', names: ['سيئون'], within: ['hadramawt'] },
  // Saudi Arabia's south, where the missiles from Yemen fall
  { id: 'jazan', names: ['جازان', 'جيزان'] },
  { id: 'najran', names: ['نجران'] },
  { id: 'khamis-mushait', names: ['خميس مشيط'] },
  { id: 'abha', names: ['أبها'] },
  { id: 'dhahran-janoub', names: ['ظهران الجنوب'] },
  // Palestine and Israel
  { id: 'gaza', names: ['غزة'] },
  { id: 'khan-younis', names: ['خان يونس'], within: ['gaza'] },
  { id: 'rafah', names: ['رفح'] },
  { id: 'jabalia', names: ['جباليا'], within: ['gaza'] },
  { id: 'west-bank', names: ['الضفة الغربية'] },
  { id: 'jerusalem', names: ['القدس'], notAfter: ['فيلق'], notBefore: ['العربي'] },
  { id: 'hebron', names: ['الخليل'], within: ['west-bank'] },
  { id: 'nablus', names: ['نابلس'], within: ['west-bank'] },
  { id: 'bethlehem', names: ['بيت لحم'], within: ['west-bank'] },
  { id: 'tulkarm', names: ['طولكرم'], within: ['west-bank'] },
  { id: 'qalqilya', names: ['قلقيلية'], within: ['west-bank'] },
  { id: 'jericho', names: ['أريحا'], within: ['west-bank'] },
  { id: 'salfit', names: ['سلفيت'], within: ['west-bank'] },
  { id: 'deir-al-balah', names: ['دير البلح'], within: ['gaza'] },
  { id: 'beit-hanoun', names: ['بيت حانون'], within: ['gaza'] },
  { id: 'beit-lahia', names: ['بيت لاهيا'], within: ['gaza'] },
  { id: 'negev', names: ['النقب'] },
  { id: 'sderot', names: ['سديروت'] },
  { id: 'ashkelon', names: ['عسقلان'] },
  { id: 'eilat', names: ['إيلات'] },
  { id: 'haifa', names: ['حيفا'] },
  // Egypt
  { id: 'sinai', names: ['سيناء'] },
  { id: 'arish', names: ['العريش'], within: ['sinai'] },
  { id: 'sheikh-zuweid', names: ['الشيخ زويد'], within: ['sinai'] },
  { id: 'bir-al-abd', names: ['بئر العبد'], within: ['sinai'] },
  // Iraq
  { id: 'mosul', names: ['الموصل'], within: ['nineveh'] },
  { id: 'nineveh', names: ['نينوى'] },
  { id: 'sinjar', names: ['سنجار'], within: ['nineveh'] },
  { id: 'tal-afar', names: ['تلعفر'], within: ['nineveh'] },
  { id: 'anbar', names: ['الأنبار'] },
  { id: 'fallujah', names: ['الفلوجة'], within: ['anbar'] },
  { id: 'ramadi', names: ['الرمادي'], within: ['anbar'] },
  { id: 'kirkuk', names: ['كركوك'] },
  { id: 'basra', names: ['البصرة'] },
  { id: 'tikrit', names: ['تكريت'] },
  { id: 'diyala', names: ['ديالى'] },
  { id: 'erbil', names: ['أربيل'] },
  { id: 'sulaymaniyah', names: ['السليمانية'] },
  { id: 'hit', names: ['هيت'], within: ['anbar'] },
  { id: 'baiji', names: ['بيجي'] },
  { id: 'samarra', names: ['سامراء'] },
  { id: 'hawija', names: ['الحويجة'], within: ['kirkuk'] },
  { id: 'tuz-khurmatu', names: ['طوز خورماتو'] },
  // Libya
  { id: 'benghazi', names: ['بنغازي'] },
  { id: 'derna', names: ['درنة'] },
  { id: 'misrata', names: ['مصراتة'] },
  { id: 'sabha', names: ['سبها'] },
  { id: 'tobruk', names: ['طبرق'] },
  { id: 'ubari', names: ['أوباري'] },
  { id: 'jufra', names: ['الجفرة'] },
  { id: 'bani-walid', names: ['بني وليد'] },
  { id: 'zintan', names: ['الزنتان'] },
  { id: 'sabratha', names: ['صبراتة'] },
  { id: 'gharyan', names: ['غريان'] },
  // Sudan, Somalia, the Sahel
  { id: 'darfur', names: ['دارفور'] },
  { id: 'el-fasher', names: ['الفاشر'], within: ['darfur'] },
  { id: 'nyala', names: ['نيالا'], within: ['darfur'] },
  { id: 'kordofan', names: ['كردفان'] },
  { id: 'kadugli', names: ['كادقلي'], within: ['kordofan'] },
  { id: 'blue-nile', names: ['النيل الأزرق'] },
  { id: 'kismayo', names: ['كيسمايو'] },
  { id: 'baidoa', names: ['بيدوا'] },
  { id: 'timbuktu', names: ['تمبكتو'] },
  { id: 'kidal', names: ['كيدال'] },
  { id: 'borno', names: ['بورنو'] },
  { id: 'maiduguri', names: ['مايدوغوري'], within: ['borno'] },
  // Lebanon, Turkey's border with Syria
  { id: 'arsal', names: ['عرسال'] },
  { id: 'sidon', names: ['صيدا'] },
  { id: 'dahiyeh', names: ['الضاحية الجنوبية'] },
  { id: 'sanliurfa', names: ['شانلي أورفة', 'أورفة'] },
  { id: 'hatay', names: ['هاتاي'] },
  { id: 'reyhanli', names: ['الريحانية'], within: ['hatay'] },
  // Afghanistan
  { id: 'helmand', names: ['هلمند'] },
  { id: 'kandahar', names: ['قندهار'] },
  { id: 'kunduz', names: ['قندوز'] },
  { id: 'nangarhar', names: ['ننغرهار', 'ننكرهار'] },
  { id: 'jalalabad', names: ['جلال آباد'], within: ['nangarhar'] },
  { id: 'herat', names: ['هرات'] },
  { id: 'ghazni', names: ['غزني'] },
  // Pakistan, Kashmir, Myanmar
  { id: 'waziristan', names: ['وزيرستان'] },
  { id: 'peshawar', names: ['بيشاور'] },
  { id: 'quetta', names: ['كويتا'] },
  { id: 'kashmir', names: ['كشمير'] },
  { id: 'rakhine', names: ['راخين', 'أراكان'] },
];

/** One-letter proclitics a place name may carry (بالحديدة, وصعدة, لعفرين). */
const PROCLITICS = new Set(['و', 'ف', 'ب', 'ل', 'ك']);

interface Entry {
  /** The name's words after the first, normalized. */
  rest: string[];
  /** The place and every place it lies within. */
  ids: string[];
  /** The places of `ids` that lie within no other: its front. */
  roots: string[];
  bare: boolean;
  /** Words before and after which the name is not this place, normalized. */
  notAfter: Set<string>;
  notBefore: Set<string>;
}

/** A name's normalized first word → the names starting with it. */
const BY_FIRST = new Map<string, Entry[]>();
{
  const byId = new Map(PLACES.map((p) => [p.id, p]));
  const lineage = (id: string): string[] => {
    const out = [id];
    for (const up of byId.get(id)!.within ?? []) out.push(...lineage(up));
    return out;
  };
  for (const p of PLACES) {
    const ids = [...new Set(lineage(p.id))];
    for (const name of p.names) {
      const words = tokenize(name).map(normalize);
      const list = BY_FIRST.get(words[0]!) ?? [];
      list.push({
        rest: words.slice(1),
        ids,
        roots: ids.filter((id) => !byId.get(id)!.within?.length),
        bare: p.bare === true,
        notAfter: new Set((p.notAfter ?? []).map(normalize)),
        notBefore: new Set((p.notBefore ?? []).map(normalize)),
      });
      BY_FIRST.set(words[0]!, list);
    }
  }
}

/**
 * The places a text (a headline, a lead) names, each with the places it lies within (ids of
 * {@link PLACES}), when they are all on one front (a town and its province, two towns of one
 * region); none when it names two fronts ("فرار الآلاف من الغوطة وعفرين"): such a round-up is
 * evidence for neither front's story. A word names a place as written or behind up to two
 * proclitic letters (بالحديدة, وصعدة, ولعفرين, للغوطة).
 *
 * @example frontPlaces('قوات النظام تدخل حمورية') // ['hamouriyeh', 'ghouta']
 * @example frontPlaces('القتال في الغوطة وعفرين') // []
 */
export function frontPlaces(text: string): string[] {
  const matches = placeMatches(text);
  for (let i = 0; i < matches.length; i++) {
    for (let j = i + 1; j < matches.length; j++) {
      if (!matches[i]!.roots.some((r) => matches[j]!.roots.includes(r))) return [];
    }
  }
  return [...new Set(matches.flatMap((e) => e.ids))];
}

/**
 * The first words of the names as one automaton over normalized text (Aho–Corasick, its
 * failure links folded into a full transition table): `NEXT[state * SYMBOLS + symbol]`, where
 * a unit's symbol is its index among the units the first words are spelled with (0: any other
 * unit, which no name continues through), and `ENDING[state]` lists the lengths of the first
 * words that end there (none: an empty list).
 */
const SYMBOL = new Uint8Array(0x10000);
const { SYMBOLS, NEXT, ENDING } = (() => {
  // "ل" before the article drops its alef (للغوطة): a first word in "ال" is also looked for
  // without its alef.
  const words = [...BY_FIRST.keys()].flatMap((w) => (w.startsWith('ال') ? [w, w.slice(1)] : [w]));
  let symbols = 1;
  for (const w of words) {
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if (SYMBOL[c] === 0) SYMBOL[c] = symbols++;
    }
  }
  const SYMBOLS = symbols;
  // The trie: children by symbol, one row per state.
  const rows: Int32Array[] = [new Int32Array(SYMBOLS).fill(-1)];
  const ends: number[][] = [[]];
  for (const w of words) {
    let state = 0;
    for (let i = 0; i < w.length; i++) {
      const sym = SYMBOL[w.charCodeAt(i)]!;
      if (rows[state]![sym]! < 0) {
        rows[state]![sym] = rows.length;
        rows.push(new Int32Array(SYMBOLS).fill(-1));
        ends.push([]);
      }
      state = rows[state]![sym]!;
    }
    ends[state]!.push(w.length);
  }
  // Breadth first: a state's missing moves are its failure state's, and the words that end at
  // its failure state end at it too.
  const next = new Int32Array(rows.length * SYMBOLS);
  const ending: number[][] = ends.map((e) => [...e]);
  const fail = new Int32Array(rows.length);
  const queue: number[] = [];
  for (let sym = 0; sym < SYMBOLS; sym++) {
    const child = rows[0]![sym]!;
    next[sym] = child < 0 ? 0 : child;
    if (child > 0) queue.push(child);
  }
  for (let k = 0; k < queue.length; k++) {
    const state = queue[k]!;
    if (state !== 0 && fail[state] !== 0) ending[state]!.push(...ending[fail[state]!]!);
    for (let sym = 0; sym < SYMBOLS; sym++) {
      const child = rows[state]![sym]!;
      const onFail = next[fail[state]! * SYMBOLS + sym]!;
      if (child < 0) {
        next[state * SYMBOLS + sym] = onFail;
      } else {
        next[state * SYMBOLS + sym] = child;
        fail[child] = onFail;
        queue.push(child);
      }
    }
  }
  return { SYMBOLS, NEXT: next, ENDING: ending };
})();

/** Letters and marks by UTF-16 unit (1: one, 2: not, 0: not learnt yet): what words are made of. */
const LETTERISH = new Uint8Array(0x10000);
const LETTERISH_RE = /[\p{L}\p{M}]/u;
function letterish(code: number): boolean {
  let k = LETTERISH[code]!;
  if (k === 0) LETTERISH[code] = k = LETTERISH_RE.test(String.fromCharCode(code)) ? 1 : 2;
  return k === 1;
}

/** How many letters before a first word may be proclitics (وب…, فل…, and the "ل" of للغوطة). */
const MAX_PROCLITICS = 2;
const PROCLITIC_UNITS = new Set([...PROCLITICS].map((p) => p.charCodeAt(0)));
/** The last normalized units read, by position modulo its size (for the test of a word's start). */
const RECENT_SIZE = 64;

/**
 * A quick test that passes every text {@link frontPlaces} finds a place in, and few others:
 * once normalized, the text has the first word of some name as a word of its own, or behind one
 * or two proclitic letters. One pass over the text, unit by unit, with no string made, so a
 * batch's headlines and leads are screened before the few that may name a place are read in
 * full.
 *
 * @example mayNamePlace('ترامب يلتقي ماكرون') // false: frontPlaces finds nothing in it
 * @example mayNamePlace('قصف على الغوطة') // true
 */
export function mayNamePlace(text: string): boolean {
  state = 0;
  read = 0;
  pending = false;
  for (let i = 0; i < text.length; i++) {
    const v = normalizeUnit(text.charCodeAt(i));
    if (v === -1) continue;
    if (v >= 0) {
      if (step(v)) return true;
      continue;
    }
    // Several units (punctuation spelled out): each one in turn.
    const units = normalize(text[i]!);
    for (let k = 0; k < units.length; k++) if (step(units.charCodeAt(k))) return true;
  }
  return pending;
}

/** The scan's state: the automaton's, how many normalized units were read, the last of them. */
let state = 0;
let read = 0;
const recent = new Int32Array(RECENT_SIZE);
/** A first word ended at the last unit, at the start of a word: is the word over there? */
let pending = false;

/** Reads one normalized unit; true when it ends a first word that is a word of its own. */
function step(unit: number): boolean {
  if (pending) {
    if (!letterish(unit)) return true;
    pending = false;
  }
  recent[read % RECENT_SIZE] = unit;
  read++;
  state = NEXT[state * SYMBOLS + SYMBOL[unit]!]!;
  const lengths = ENDING[state]!;
  for (let k = 0; k < lengths.length && !pending; k++) {
    // The units before the word: at most MAX_PROCLITICS proclitic letters, then the text's
    // start or a unit that is no letter.
    let at = read - lengths[k]! - 1;
    let clitics = 0;
    while (at >= 0 && clitics <= MAX_PROCLITICS && PROCLITIC_UNITS.has(recent[at % RECENT_SIZE]!)) {
      at--;
      clitics++;
    }
    if (clitics > MAX_PROCLITICS) continue;
    if (at < 0 || read - at > RECENT_SIZE || !letterish(recent[at % RECENT_SIZE]!)) pending = true;
  }
  return false;
}

/** The gazetteer entries a text's words name. */
function placeMatches(text: string): Entry[] {
  const words = tokenize(normalize(text));
  const found: Entry[] = [];
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!;
    matchAt(words, i, w, true, found);
    for (let k = 0; k < 2 && w.length > 3 && PROCLITICS.has(w[0]!); k++) {
      // ل before the article drops its alef: للغوطة is ل + الغوطة.
      w = w.startsWith('لل') ? `ا${w.slice(1)}` : w.slice(1);
      matchAt(words, i, w, false, found);
    }
  }
  return found;
}

/**
 * Adds to `found` the entries whose name is `form` (the word at `i` as written when `bare`, else
 * without its proclitic) followed by the words after `i`.
 */
function matchAt(words: string[], i: number, form: string, bare: boolean, found: Entry[]): void {
  // Most words name no place: no list is looked through, and nothing is allocated for them.
  const entries = BY_FIRST.get(form);
  if (entries === undefined) return;
  for (const e of entries) {
    if (e.bare && !bare) continue;
    if (!e.rest.every((w, k) => words[i + 1 + k] === w)) continue;
    const before = words[i - 1];
    const after = words[i + 1 + e.rest.length];
    if (before !== undefined && e.notAfter.has(before)) continue;
    if (after !== undefined && e.notBefore.has(after)) continue;
    found.push(e);
  }
}
