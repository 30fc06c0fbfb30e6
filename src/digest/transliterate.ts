/**
 * Latin-script names in Arabic letters, for topic questions asked offline (no translation
 * provider): "Sarkozy" → ساركوزي, "Mueller" → مولر. Arabic news writes a foreign name by its
 * sound, long vowels included, and the search matches names of five letters or more by their
 * consonant skeleton, so a spelling that gets the consonants right finds the name however the
 * outlet wrote its vowels. A heuristic: a name it spells wrong is simply not found, as it was
 * not before.
 */

/** Letter groups, longest first, with their usual Arabic spelling in names. */
const GROUPS: [string, string][] = [
  ['sch', 'ش'],
  ['tch', 'تش'],
  ['dge', 'دج'],
  ['sh', 'ش'],
  ['ch', 'تش'],
  ['kh', 'خ'],
  ['gh', 'غ'],
  ['ph', 'ف'],
  ['th', 'ت'],
  ['ck', 'ك'],
  ['qu', 'ك'],
  ['ou', 'و'],
  ['oo', 'و'],
  ['ue', 'و'],
  ['ee', 'ي'],
  ['ea', 'ي'],
  ['ie', 'ي'],
  ['ei', 'اي'],
  ['ai', 'اي'],
  ['ay', 'اي'],
  ['ey', 'ي'],
  ['x', 'كس'],
];

const LETTERS: Record<string, string> = {
  ç: 'س',
  a: 'ا',
  b: 'ب',
  d: 'د',
  e: 'ي',
  f: 'ف',
  h: 'ه',
  i: 'ي',
  j: 'ج',
  k: 'ك',
  l: 'ل',
  m: 'م',
  n: 'ن',
  o: 'و',
  p: 'ب',
  q: 'ك',
  r: 'ر',
  s: 'س',
  t: 'ت',
  u: 'و',
  v: 'ف',
  w: 'و',
  y: 'ي',
  z: 'ز',
};

/**
 * Given names the letter rules spell wrong, as Arabic news writes them. Arabic names written in
 * Latin letters lose the sounds English has no letter for (ع ح ص ط ق) and write short vowels
 * Arabic does not (Hassan is حسن, not هاسان; Omar عمر, not اومار); some Western names are not
 * said as they are spelled (Michael مايكل, Jacques جاك). A full name asked offline ("Michael
 * Cohen") finds nothing when one of its words is spelled wrong, so the most common ones are
 * listed here, each with its variants.
 */
const GIVEN_NAMES = new Map<string, string>(
  (
    [
      [['mohammed', 'mohammad', 'muhammad', 'mohamed', 'mohamad', 'muhammed'], 'محمد'],
      [['ahmed', 'ahmad'], 'أحمد'],
      [['ali'], 'علي'],
      [['hassan', 'hasan'], 'حسن'],
      [['hussein', 'hussain', 'husain', 'hossein', 'husayn'], 'حسين'],
      [['omar', 'umar'], 'عمر'],
      [['abdullah', 'abdallah'], 'عبدالله'],
      [['abdel', 'abdul', 'abd'], 'عبد'],
      [['abdulaziz', 'abdelaziz'], 'عبدالعزيز'],
      [['saad'], 'سعد'],
      [['adel', 'adil'], 'عادل'],
      [['mustafa', 'mostafa', 'moustafa'], 'مصطفى'],
      [['mahmoud', 'mahmud'], 'محمود'],
      [['saleh', 'salih'], 'صالح'],
      [['salah'], 'صلاح'],
      [['hamad'], 'حمد'],
      [['hamid', 'hamed'], 'حميد'],
      [['khalifa'], 'خليفة'],
      [['faisal', 'faysal'], 'فيصل'],
      [['haider', 'haidar', 'hayder'], 'حيدر'],
      [['ammar'], 'عمار'],
      [['aziz'], 'عزيز'],
      [['qassem', 'qasem', 'qasim', 'kassem'], 'قاسم'],
      [['hamdan'], 'حمدان'],
      [['zayed'], 'زايد'],
      [['sultan'], 'سلطان'],
      [['issa', 'isa'], 'عيسى'],
      [['moussa', 'musa'], 'موسى'],
      [['yahya'], 'يحيى'],
      [['tariq', 'tarek', 'tareq'], 'طارق'],
      [['fathi'], 'فتحي'],
      [['fattah'], 'الفتاح'],
      [['saeed'], 'سعيد'],
      [['nasser', 'nasir'], 'ناصر'],
      [['ismail'], 'إسماعيل'],
      [['khalid', 'khaled'], 'خالد'],
      [['walid', 'waleed'], 'وليد'],
      [['youssef', 'yousef', 'yusuf', 'youssouf'], 'يوسف'],
      [['rashid', 'rashed'], 'راشد'],
      [['hamza'], 'حمزة'],
      [['jamal'], 'جمال'],
      [['kamal'], 'كمال'],
      [['mansour', 'mansur'], 'منصور'],
      [['samir'], 'سمير'],
      [['fouad', 'fuad'], 'فؤاد'],
      [['nabil'], 'نبيل'],
      [['nabih'], 'نبيه'],
      [['hafez', 'hafiz'], 'حافظ'],
      [['abbas'], 'عباس'],
      [['marwan'], 'مروان'],
      [['osama', 'usama'], 'أسامة'],
      [['ayman'], 'أيمن'],
      [['javad', 'jawad'], 'جواد'],
      [['moqtada', 'muqtada'], 'مقتدى'],
      [['ghassan'], 'غسان'],
      [['salameh', 'salame'], 'سلامة'],
      [['recep'], 'رجب'],
      [['tayyip'], 'طيب'],
      [['michael'], 'مايكل'],
      [['mike'], 'مايك'],
      [['michel'], 'ميشال'],
      [['sergei', 'sergey'], 'سيرغي'],
      [['james'], 'جيمس'],
      [['christopher'], 'كريستوفر'],
      [['chris'], 'كريس'],
      [['christian'], 'كريستيان'],
      [['charles'], 'تشارلز'],
      [['benjamin'], 'بنيامين'],
      [['heather'], 'هيذر'],
      [['sarah', 'sara'], 'سارة'],
      [['george'], 'جورج'],
      [['jean'], 'جان'],
      [['jacques'], 'جاك'],
      [['pierre'], 'بيير'],
      [['francois'], 'فرانسوا'],
      [['nicolas'], 'نيكولا'],
      [['elizabeth'], 'إليزابيث'],
      [['matthew'], 'ماثيو'],
      [['paul'], 'بول'],
    ] as [string[], string][]
  ).flatMap(([latin, arabic]) => latin.map((l): [string, string] => [l, arabic])),
);

/** A Latin word without accents, in lower case: "Élysée" → "elysee". */
export function foldLatin(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
/** Consonants after which a final s is sounded z. */
const VOICED = new Set(['b', 'd', 'g', 'l', 'm', 'n', 'r', 'v']);

/**
 * One Latin-script name in Arabic letters, or undefined when it is not a plain Latin word of
 * three letters or more.
 *
 * @example
 * transliterateName('Sarkozy'); // 'ساركوزي'
 * transliterateName('Cambridge'); // 'كامبريدج'
 */
export function transliterateName(word: string): string | undefined {
  const folded = foldLatin(word);
  const given = GIVEN_NAMES.get(folded);
  if (given !== undefined) return given;
  const w = folded
    // A double s stays unvoiced (Bossert → بوسرت): kept as a letter the loop reads as س.
    .replace(/ss+/g, 'ç')
    // Other double letters are one sound (Mueller, Merkel's "ll").
    .replace(/([a-z])\1+/g, '$1')
    // Irish and Scottish Mc is written ماك (McEntee → ماكنتي).
    .replace(/^mc/, 'mak');
  if (w.length < 3 || !/^[a-zç]+$/.test(w)) return undefined;
  let out = '';
  let i = 0;
  if (VOWELS.has(w[0]!) && w[0] !== 'y') {
    // A word-initial vowel sits on an alef: Iran → ايران, Obama → اوباما, Afrin → افرين.
    out = 'ا';
    if (w[0] === 'a') i = 1;
  }
  while (i < w.length) {
    const rest = w.slice(i);
    // A silent final e (George, Macrone) and the "er" of Mueller: no vowel of their own.
    if (rest === 'e' && i > 1) break;
    if (rest === 'er' && i > 1) {
      out += 'ر';
      break;
    }
    const group = GROUPS.find(([latin]) => rest.startsWith(latin));
    if (group) {
      out += group[1];
      i += group[0].length;
      continue;
    }
    const c = w[i]!;
    const next = w[i + 1];
    const prev = w[i - 1];
    if (c === 'c') out += next === 'e' || next === 'i' || next === 'y' ? 'س' : 'ك';
    else if (c === 'g') out += next === 'e' || next === 'i' ? 'ج' : 'غ';
    // An s between vowels, or ending a word after a voiced consonant, sounds z (Theresa →
    // تيريزا, Daniels → دانيلز).
    else if (c === 's' && prev && next && VOWELS.has(prev) && VOWELS.has(next)) out += 'ز';
    else if (c === 's' && prev && !next && VOICED.has(prev)) out += 'ز';
    // An h before a consonant or at the end is not sounded (John, Johnson).
    else if (c === 'h' && i > 0 && (!next || !VOWELS.has(next))) out += '';
    else out += LETTERS[c] ?? '';
    i++;
  }
  return out.length >= 2 ? out : undefined;
}
