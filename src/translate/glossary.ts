/**
 * An offline glossary for topic questions when no translation provider is set up (or it
 * failed): the names readers ask about most — countries, capitals, regions, organisations and a
 * few recurring topics — in English and French, mapped to their usual Arabic news spelling.
 * It only ever widens a search; it never stands in for translating a digest.
 */

const ENTRIES: [string[], string][] = [
  [['afghanistan'], 'أفغانستان'],
  [['algeria', 'algérie', 'algerie'], 'الجزائر'],
  [['bahrain', 'bahreïn'], 'البحرين'],
  [['egypt', 'égypte', 'egypte'], 'مصر'],
  [['iran'], 'إيران'],
  [['iraq', 'irak'], 'العراق'],
  [['israel', 'israël'], 'إسرائيل'],
  [['jordan', 'jordanie'], 'الأردن'],
  [['kuwait', 'koweït', 'koweit'], 'الكويت'],
  [['lebanon', 'liban'], 'لبنان'],
  [['libya', 'libye'], 'ليبيا'],
  [['mauritania', 'mauritanie'], 'موريتانيا'],
  [['morocco', 'maroc'], 'المغرب'],
  [['oman'], 'عمان'],
  [['palestine'], 'فلسطين'],
  [['gaza'], 'غزة'],
  [['qatar'], 'قطر'],
  [['saudi', 'saoudite'], 'السعودية'],
  [['somalia', 'somalie'], 'الصومال'],
  [['sudan', 'soudan'], 'السودان'],
  [['syria', 'syrie'], 'سوريا'],
  [['tunisia', 'tunisie'], 'تونس'],
  [['turkey', 'türkiye', 'turquie'], 'تركيا'],
  [['emirates', 'uae', 'émirats'], 'الإمارات'],
  [['yemen', 'yémen'], 'اليمن'],
  [['pakistan'], 'باكستان'],
  [['india', 'inde'], 'الهند'],
  [['china', 'chine'], 'الصين'],
  [['russia', 'russie'], 'روسيا'],
  [['ukraine'], 'أوكرانيا'],
  [['america', 'usa', 'us', 'états-unis', 'etats-unis'], 'الولايات المتحدة'],
  [['france'], 'فرنسا'],
  [['germany', 'allemagne'], 'ألمانيا'],
  [['britain', 'uk', 'england', 'royaume-uni'], 'بريطانيا'],
  [['europe'], 'أوروبا'],
  [['africa', 'afrique'], 'أفريقيا'],
  [['japan', 'japon'], 'اليابان'],
  [['cairo', 'caire'], 'القاهرة'],
  [['riyadh', 'riyad'], 'الرياض'],
  [['amman'], 'عمان'],
  [['baghdad', 'bagdad'], 'بغداد'],
  [['damascus', 'damas'], 'دمشق'],
  [['beirut', 'beyrouth'], 'بيروت'],
  [['jerusalem', 'jérusalem'], 'القدس'],
  [['doha'], 'الدوحة'],
  [['dubai', 'dubaï'], 'دبي'],
  [['tehran', 'téhéran'], 'طهران'],
  [['kabul', 'kaboul'], 'كابل'],
  [['alexandria', 'alexandrie'], 'الإسكندرية'],
  [['khartoum'], 'الخرطوم'],
  [['tripoli'], 'طرابلس'],
  [['rabat'], 'الرباط'],
  [['tunis'], 'تونس'],
  [['un', 'onu'], 'الأمم المتحدة'],
  [['nato', 'otan'], 'الناتو'],
  [['taliban', 'talibans'], 'طالبان'],
  [['election', 'elections', 'élection', 'élections'], 'الانتخابات'],
  [['earthquake', 'séisme'], 'زلزال'],
  [['storm', 'tempête'], 'عاصفة'],
  [['flood', 'floods', 'inondation', 'inondations'], 'فيضانات'],
  [['oil', 'pétrole'], 'النفط'],
  [['inflation'], 'التضخم'],
  [['economy', 'économie'], 'الاقتصاد'],
  [['football', 'soccer'], 'كرة القدم'],
  [['vaccine', 'vaccination', 'vaccin'], 'التطعيم'],
  [['measles', 'rougeole'], 'الحصبة'],
  [['water', 'eau'], 'المياه'],
  [['summit', 'sommet'], 'القمة'],
  [['ceasefire', 'truce', 'cessez-le-feu', 'trêve'], 'وقف إطلاق النار'],
  [['refugees', 'réfugiés'], 'اللاجئين'],
  [['climate', 'climat'], 'المناخ'],
  [['drought', 'sécheresse'], 'الجفاف'],
];

const GLOSSARY = new Map<string, string>();
for (const [keys, arabic] of ENTRIES) for (const k of keys) GLOSSARY.set(k, arabic);

/**
 * The Arabic words for the known names in a Latin-script query, or undefined when it has none.
 *
 * @example
 * glossaryToArabic('Afghanistan'); // 'أفغانستان'
 * glossaryToArabic('elections in Iraq'); // 'الانتخابات العراق'
 */
export function glossaryToArabic(query: string): string | undefined {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [];
  const found: string[] = [];
  for (const word of words) {
    const arabic = GLOSSARY.get(word) ?? GLOSSARY.get(word.replace(/'s$/, ''));
    if (arabic && !found.includes(arabic)) found.push(arabic);
  }
  return found.length > 0 ? found.join(' ') : undefined;
}
