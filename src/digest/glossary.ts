import { foldLatin, transliterateName } from './transliterate.js';

/**
 * An offline glossary for topic questions when no translation provider is set up (or it
 * failed): the names readers of Arab-world news ask about most — countries, capitals and cities,
 * regions, organisations, leaders and public figures, and recurring topics — in English and
 * French, mapped to their usual Arabic news spelling. A pure data table: it only ever widens a
 * search or a topic filter; it never stands in for translating a digest.
 */

/**
 * Each entry: the English and French names (several words make a phrase, matched as one;
 * accents do not matter), then the Arabic. A name written with capitals matches only in
 * capitals: "UN" and "US" are names, "un" and "us" are not.
 */
const ENTRIES: [string[], string][] = [
  [['afghanistan', 'afghan', 'afghane'], 'أفغانستان'],
  [['algeria', 'algérie', 'algerian', 'algérien', 'algérienne'], 'الجزائر'],
  [['bahrain', 'bahreïn', 'bahraini'], 'البحرين'],
  [['egypt', 'égypte', 'egyptian', 'égyptien', 'égyptienne'], 'مصر'],
  [['iran', 'iranian', 'iranien', 'iranienne'], 'إيران'],
  [['iraq', 'irak', 'iraqi', 'irakien', 'irakienne'], 'العراق'],
  [['israel', 'israël', 'israeli', 'israélien', 'israélienne'], 'إسرائيل'],
  [['jordan', 'jordanie', 'jordanian', 'jordanien', 'jordanienne'], 'الأردن'],
  [['kuwait', 'koweït', 'kuwaiti', 'koweïtien', 'koweïtienne'], 'الكويت'],
  [['lebanon', 'liban', 'lebanese', 'libanais', 'libanaise'], 'لبنان'],
  [['libya', 'libye', 'libyan', 'libyen', 'libyenne'], 'ليبيا'],
  [['mauritania', 'mauritanie'], 'موريتانيا'],
  [['morocco', 'maroc', 'moroccan', 'marocain', 'marocaine'], 'المغرب'],
  [['oman'], 'عمان'],
  [
    ['palestine', 'palestinian', 'palestinians', 'palestinien', 'palestiniens', 'palestinienne'],
    'فلسطين',
  ],
  [['qatar', 'qatari', 'qatarie'], 'قطر'],
  [['saudi', 'saudi arabia', 'arabie saoudite', 'saoudite', 'saoudien', 'saoudienne'], 'السعودية'],
  [['somalia', 'somalie'], 'الصومال'],
  [['sudan', 'soudan', 'sudanese', 'soudanais', 'soudanaise'], 'السودان'],
  [['south sudan', 'soudan du sud'], 'جنوب السودان'],
  [['syria', 'syrie', 'syrian', 'syrien', 'syrienne'], 'سوريا'],
  [['tunisia', 'tunisie', 'tunisian', 'tunisien', 'tunisienne'], 'تونس'],
  [['turkey', 'türkiye', 'turquie', 'turkish', 'turc', 'turque'], 'تركيا'],
  [['emirates', 'uae', 'united arab emirates', 'émirats', 'émirats arabes unis'], 'الإمارات'],
  [['yemen', 'yémen', 'yemeni', 'yéménite'], 'اليمن'],
  [['djibouti'], 'جيبوتي'],
  [['comoros', 'comores'], 'جزر القمر'],
  [['eritrea', 'érythrée'], 'إريتريا'],
  [['ethiopia', 'éthiopie'], 'إثيوبيا'],
  [['kenya'], 'كينيا'],
  [['nigeria', 'nigéria'], 'نيجيريا'],
  [['mali'], 'مالي'],
  [['niger'], 'النيجر'],
  [['chad', 'tchad'], 'تشاد'],
  [['senegal', 'sénégal'], 'السنغال'],
  [['south africa', 'afrique du sud'], 'جنوب أفريقيا'],
  [['pakistan'], 'باكستان'],
  [['india', 'inde'], 'الهند'],
  [['bangladesh'], 'بنغلاديش'],
  [['myanmar', 'birmanie'], 'ميانمار'],
  [['rohingya', 'rohingyas'], 'الروهينغا'],
  [['indonesia', 'indonésie'], 'إندونيسيا'],
  [['malaysia', 'malaisie'], 'ماليزيا'],
  [['china', 'chine', 'chinese', 'chinois'], 'الصين'],
  [['russia', 'russie', 'russian', 'russe'], 'روسيا'],
  [['ukraine'], 'أوكرانيا'],
  [
    [
      'america',
      'usa',
      'USA',
      'US',
      'united states',
      'états unis',
      'amérique',
      'american',
      'américain',
      'américaine',
    ],
    'الولايات المتحدة',
  ],
  [['canada'], 'كندا'],
  [['mexico', 'mexique'], 'المكسيك'],
  [['brazil', 'brésil'], 'البرازيل'],
  [['venezuela'], 'فنزويلا'],
  [['cuba'], 'كوبا'],
  [['chile', 'chili'], 'تشيلي'],
  [['argentina', 'argentine'], 'الأرجنتين'],
  [['france', 'french', 'français', 'française'], 'فرنسا'],
  [['germany', 'allemagne', 'german', 'allemand'], 'ألمانيا'],
  [
    [
      'britain',
      'uk',
      'united kingdom',
      'great britain',
      'england',
      'royaume uni',
      'british',
      'britannique',
    ],
    'بريطانيا',
  ],
  [['italy', 'italie'], 'إيطاليا'],
  [['spain', 'espagne'], 'إسبانيا'],
  [['greece', 'grèce'], 'اليونان'],
  [['cyprus', 'chypre'], 'قبرص'],
  [['sweden', 'suède'], 'السويد'],
  [['netherlands', 'pays bas'], 'هولندا'],
  [['belgium', 'belgique'], 'بلجيكا'],
  [['switzerland', 'suisse'], 'سويسرا'],
  [['austria', 'autriche'], 'النمسا'],
  [['europe', 'european', 'européen', 'européenne'], 'أوروبا'],
  [['africa', 'afrique'], 'أفريقيا'],
  [['asia', 'asie'], 'آسيا'],
  [['middle east', 'moyen orient'], 'الشرق الأوسط'],
  [['gulf', 'golfe'], 'الخليج'],
  [['japan', 'japon'], 'اليابان'],
  [['north korea', 'corée du nord'], 'كوريا الشمالية'],
  [['south korea', 'corée du sud'], 'كوريا الجنوبية'],
  [['korea', 'corée'], 'كوريا'],
  [['australia', 'australie'], 'أستراليا'],
  [['new zealand', 'nouvelle zélande'], 'نيوزيلندا'],
  [['portugal', 'portuguese', 'portugais', 'portugaise'], 'البرتغال'],
  [['ireland', 'irlande', 'irish', 'irlandais', 'irlandaise'], 'أيرلندا'],
  [['norway', 'norvège', 'norwegian', 'norvégien', 'norvégienne'], 'النرويج'],
  [['denmark', 'danemark', 'danish', 'danois', 'danoise'], 'الدنمارك'],
  [['finland', 'finlande', 'finnish', 'finlandais', 'finlandaise'], 'فنلندا'],
  [['iceland', 'islande'], 'أيسلندا'],
  [['poland', 'pologne', 'polish', 'polonais', 'polonaise'], 'بولندا'],
  [['hungary', 'hongrie', 'hungarian', 'hongrois', 'hongroise'], 'المجر'],
  [['czech republic', 'czechia', 'tchéquie', 'république tchèque', 'czech', 'tchèque'], 'التشيك'],
  [['slovakia', 'slovaquie'], 'سلوفاكيا'],
  [['romania', 'roumanie', 'romanian', 'roumain', 'roumaine'], 'رومانيا'],
  [['bulgaria', 'bulgarie', 'bulgarian', 'bulgare'], 'بلغاريا'],
  [['serbia', 'serbie', 'serbian', 'serbe'], 'صربيا'],
  [['croatia', 'croatie', 'croatian', 'croate'], 'كرواتيا'],
  [['bosnia', 'bosnie'], 'البوسنة'],
  [['albania', 'albanie', 'albanian', 'albanais', 'albanaise'], 'ألبانيا'],
  [['kosovo'], 'كوسوفو'],
  [['malta', 'malte'], 'مالطا'],
  [['belarus', 'biélorussie'], 'بيلاروسيا'],
  [['moldova', 'moldavie'], 'مولدوفا'],
  [['estonia', 'estonie'], 'إستونيا'],
  [['latvia', 'lettonie'], 'لاتفيا'],
  [['lithuania', 'lituanie'], 'ليتوانيا'],
  [['armenia', 'arménie', 'armenian', 'arménien', 'arménienne'], 'أرمينيا'],
  [['azerbaijan', 'azerbaïdjan'], 'أذربيجان'],
  [['kazakhstan'], 'كازاخستان'],
  [['uzbekistan', 'ouzbékistan'], 'أوزبكستان'],
  [['tajikistan', 'tadjikistan'], 'طاجيكستان'],
  [['turkmenistan', 'turkménistan'], 'تركمانستان'],
  [['kyrgyzstan', 'kirghizistan'], 'قرغيزستان'],
  [['sri lanka'], 'سريلانكا'],
  [['nepal', 'népal'], 'نيبال'],
  [['maldives'], 'المالديف'],
  [['thailand', 'thaïlande', 'thai', 'thaïlandais'], 'تايلاند'],
  [['vietnam', 'viêt nam', 'vietnamese', 'vietnamien', 'vietnamienne'], 'فيتنام'],
  [['cambodia', 'cambodge'], 'كمبوديا'],
  [['philippines', 'filipino', 'philippin', 'philippine'], 'الفلبين'],
  [['singapore', 'singapour'], 'سنغافورة'],
  [['taiwan', 'taïwan'], 'تايوان'],
  [['hong kong'], 'هونغ كونغ'],
  [['colombia', 'colombie', 'colombian', 'colombien', 'colombienne'], 'كولومبيا'],
  [['peru', 'pérou'], 'بيرو'],
  [['bolivia', 'bolivie'], 'بوليفيا'],
  [['ecuador', 'équateur'], 'الإكوادور'],
  [['uruguay'], 'الأوروغواي'],
  [['paraguay'], 'باراغواي'],
  [['nicaragua'], 'نيكاراغوا'],
  [['guatemala'], 'غواتيمالا'],
  [['honduras'], 'هندوراس'],
  [['panama'], 'بنما'],
  [['haiti', 'haïti'], 'هايتي'],
  [['jamaica', 'jamaïque'], 'جامايكا'],
  [['uganda', 'ouganda'], 'أوغندا'],
  [['tanzania', 'tanzanie'], 'تنزانيا'],
  [['rwanda'], 'رواندا'],
  [['burundi'], 'بوروندي'],
  [['congo', 'democratic republic of the congo', 'drc', 'rdc'], 'الكونغو'],
  [['cameroon', 'cameroun'], 'الكاميرون'],
  [['ghana'], 'غانا'],
  [['ivory coast', "côte d'ivoire"], 'ساحل العاج'],
  [['guinea', 'guinée'], 'غينيا'],
  [['burkina faso', 'burkina'], 'بوركينا فاسو'],
  [['gambia', 'gambie'], 'غامبيا'],
  [['sierra leone'], 'سيراليون'],
  [['liberia', 'libéria'], 'ليبيريا'],
  [['gabon'], 'الغابون'],
  [['benin', 'bénin'], 'بنين'],
  [['togo'], 'توغو'],
  [['central african republic', 'centrafrique'], 'أفريقيا الوسطى'],
  [['zimbabwe'], 'زيمبابوي'],
  [['zambia', 'zambie'], 'زامبيا'],
  [['mozambique'], 'موزمبيق'],
  [['angola'], 'أنغولا'],
  [['namibia', 'namibie'], 'ناميبيا'],
  [['madagascar'], 'مدغشقر'],
  [['mauritius'], 'موريشيوس'],
  [['cairo', 'caire'], 'القاهرة'],
  [['alexandria', 'alexandrie'], 'الإسكندرية'],
  [['sinai', 'sinaï'], 'سيناء'],
  [['suez'], 'السويس'],
  [['riyadh', 'riyad'], 'الرياض'],
  [['jeddah', 'djeddah'], 'جدة'],
  [['mecca', 'la mecque'], 'مكة'],
  [['medina', 'médine'], 'المدينة المنورة'],
  [['amman'], 'عمان'],
  [['baghdad', 'bagdad'], 'بغداد'],
  [['basra', 'bassora'], 'البصرة'],
  [['mosul', 'mossoul'], 'الموصل'],
  [['kirkuk', 'kirkouk'], 'كركوك'],
  [['erbil', 'irbil', 'arbil'], 'أربيل'],
  [['kurdistan'], 'كردستان'],
  [['kurds', 'kurdish', 'kurdes', 'kurde'], 'الأكراد'],
  [['damascus', 'damas'], 'دمشق'],
  [['aleppo', 'alep'], 'حلب'],
  [['homs'], 'حمص'],
  [['idlib'], 'إدلب'],
  [['raqqa', 'raqa', 'rakka'], 'الرقة'],
  [['deir ez zor', 'deir ezzor', 'deir el zor'], 'دير الزور'],
  [['daraa', 'deraa'], 'درعا'],
  [['afrin'], 'عفرين'],
  [['ghouta', 'eastern ghouta', 'ghouta orientale'], 'الغوطة الشرقية'],
  [['douma'], 'دوما'],
  [['golan'], 'الجولان'],
  [['beirut', 'beyrouth'], 'بيروت'],
  [['jerusalem', 'jérusalem'], 'القدس'],
  [['gaza', 'gaza strip', 'bande de gaza'], 'غزة'],
  [['west bank', 'cisjordanie'], 'الضفة الغربية'],
  [['ramallah'], 'رام الله'],
  [['hebron'], 'الخليل'],
  [['tel aviv'], 'تل أبيب'],
  [['doha'], 'الدوحة'],
  [['dubai', 'dubaï'], 'دبي'],
  [['abu dhabi', 'abou dhabi'], 'أبوظبي'],
  [['muscat', 'mascate'], 'مسقط'],
  [['manama'], 'المنامة'],
  [['sanaa', "sana'a"], 'صنعاء'],
  [['aden'], 'عدن'],
  [['hodeidah', 'hudaydah', 'hodeida'], 'الحديدة'],
  [['taiz'], 'تعز'],
  [['marib'], 'مأرب'],
  [['tehran', 'téhéran'], 'طهران'],
  [['kabul', 'kaboul'], 'كابل'],
  [['khartoum'], 'الخرطوم'],
  [['darfur', 'darfour'], 'دارفور'],
  [['tripoli'], 'طرابلس'],
  [['benghazi'], 'بنغازي'],
  [['rabat'], 'الرباط'],
  [['casablanca'], 'الدار البيضاء'],
  [['western sahara', 'sahara occidental'], 'الصحراء الغربية'],
  [['tunis'], 'تونس'],
  [['algiers', 'alger'], 'الجزائر'],
  [['nouakchott'], 'نواكشوط'],
  [['mogadishu', 'mogadiscio'], 'مقديشو'],
  [['istanbul'], 'إسطنبول'],
  [['ankara'], 'أنقرة'],
  [['moscow', 'moscou'], 'موسكو'],
  [['washington'], 'واشنطن'],
  [['paris'], 'باريس'],
  [['london', 'londres'], 'لندن'],
  [['berlin'], 'برلين'],
  [['brussels', 'bruxelles'], 'بروكسل'],
  [['geneva', 'genève'], 'جنيف'],
  [['vienna', 'vienne'], 'فيينا'],
  [['new york'], 'نيويورك'],
  [['beijing', 'pékin'], 'بكين'],
  [['UN', 'ONU', 'onu', 'united nations', 'nations unies'], 'الأمم المتحدة'],
  [['security council', 'conseil de sécurité'], 'مجلس الأمن'],
  [['arab league', 'ligue arabe'], 'الجامعة العربية'],
  [['gcc', 'gulf cooperation council'], 'مجلس التعاون الخليجي'],
  [['EU', 'UE', 'european union', 'union européenne'], 'الاتحاد الأوروبي'],
  [['nato', 'otan'], 'الناتو'],
  [['imf', 'fmi'], 'صندوق النقد الدولي'],
  [['world bank', 'banque mondiale'], 'البنك الدولي'],
  [['opec', 'opep'], 'أوبك'],
  [['WHO', 'OMS'], 'منظمة الصحة العالمية'],
  [['unicef'], 'اليونيسف'],
  [['unhcr', 'hcr'], 'المفوضية السامية لشؤون اللاجئين'],
  [['unrwa'], 'الأونروا'],
  [
    ['icc', 'cpi', 'international criminal court', 'cour pénale internationale'],
    'المحكمة الجنائية الدولية',
  ],
  [['red cross', 'croix rouge'], 'الصليب الأحمر'],
  [['opcw', 'oiac'], 'منظمة حظر الأسلحة الكيميائية'],
  [['iaea', 'aiea'], 'الوكالة الدولية للطاقة الذرية'],
  [['unesco'], 'اليونسكو'],
  [['amnesty', 'amnesty international'], 'العفو الدولية'],
  [['human rights watch', 'hrw'], 'هيومن رايتس ووتش'],
  [['white house', 'maison blanche'], 'البيت الأبيض'],
  [['pentagon', 'pentagone'], 'البنتاغون'],
  [['kremlin'], 'الكرملين'],
  [['congress', 'congrès'], 'الكونغرس'],
  [['cia'], 'المخابرات المركزية'],
  [['fbi'], 'مكتب التحقيقات الفيدرالي'],
  [['hamas'], 'حماس'],
  [['fatah'], 'فتح'],
  [['hezbollah'], 'حزب الله'],
  [['isis', 'isil', 'islamic state', 'daesh', 'daech', 'état islamique'], 'تنظيم الدولة'],
  [['al qaeda', 'al qaida', 'qaeda'], 'القاعدة'],
  [['houthis', 'houthi', 'houthistes'], 'الحوثيين'],
  [['muslim brotherhood', 'frères musulmans'], 'الإخوان المسلمين'],
  [['taliban', 'talibans'], 'طالبان'],
  [['pkk'], 'حزب العمال الكردستاني'],
  [['facebook'], 'فيسبوك'],
  [['twitter'], 'تويتر'],
  [['google'], 'غوغل'],
  [['trump'], 'ترامب'],
  [['biden'], 'بايدن'],
  [['obama'], 'أوباما'],
  [['putin', 'poutine'], 'بوتين'],
  [['macron'], 'ماكرون'],
  [['merkel'], 'ميركل'],
  [['theresa may'], 'تيريزا ماي'],
  [['boris johnson'], 'بوريس جونسون'],
  [['erdogan', 'erdoğan'], 'أردوغان'],
  [['netanyahu', 'netanyahou'], 'نتنياهو'],
  [['mahmoud abbas'], 'محمود عباس'],
  [['abbas'], 'عباس'],
  [['haniyeh', 'haniyé'], 'هنية'],
  [['hamdallah'], 'الحمد الله'],
  [['assad', 'bashar al assad', 'bachar al assad'], 'الأسد'],
  [['sisi', 'el sisi', 'al sisi'], 'السيسي'],
  [['mohammed bin salman', 'mohammed ben salmane', 'mbs'], 'محمد بن سلمان'],
  [['mohammed bin zayed', 'mohammed ben zayed', 'mbz'], 'محمد بن زايد'],
  [['king salman', 'roi salmane'], 'الملك سلمان'],
  [['tamim'], 'تميم'],
  [['king abdullah', 'roi abdallah'], 'الملك عبد الله'],
  [['khamenei'], 'خامنئي'],
  [['rouhani'], 'روحاني'],
  [['zarif'], 'ظريف'],
  [['nasrallah'], 'نصر الله'],
  [['hariri'], 'الحريري'],
  [['aoun'], 'عون'],
  [['abadi'], 'العبادي'],
  [['sadr'], 'الصدر'],
  [['sistani'], 'السيستاني'],
  [['haftar'], 'حفتر'],
  [['sarraj'], 'السراج'],
  [['bashir', 'béchir'], 'البشير'],
  [['hadi'], 'هادي'],
  [['saleh'], 'صالح'],
  [['guterres'], 'غوتيريش'],
  [['pompeo'], 'بومبيو'],
  [['tillerson'], 'تيلرسون'],
  [['mattis'], 'ماتيس'],
  [['haley'], 'هيلي'],
  [['bolton'], 'بولتون'],
  [['kushner'], 'كوشنر'],
  [['lavrov'], 'لافروف'],
  [['kim jong un'], 'كيم جونغ أون'],
  [['xi jinping'], 'شي جين بينغ'],
  [['modi'], 'مودي'],
  [['mohammed vi', 'mohammed 6'], 'محمد السادس'],
  [['bouteflika'], 'بوتفليقة'],
  [['essebsi'], 'السبسي'],
  [['pope', 'pape'], 'البابا'],
  [['election', 'elections', 'élection', 'élections', 'vote'], 'الانتخابات'],
  [['earthquake', 'séisme', 'tremblement de terre'], 'زلزال'],
  [['storm', 'tempête'], 'عاصفة'],
  [['flood', 'floods', 'inondation', 'inondations'], 'فيضانات'],
  [['oil', 'pétrole'], 'النفط'],
  [['oil prices', 'prix du pétrole'], 'أسعار النفط'],
  [['inflation'], 'التضخم'],
  [['economy', 'économie'], 'الاقتصاد'],
  [['football', 'soccer'], 'كرة القدم'],
  [['world cup', 'coupe du monde'], 'كأس العالم'],
  [['vaccine', 'vaccines', 'vaccination', 'vaccin'], 'التطعيم'],
  [['measles', 'rougeole'], 'الحصبة'],
  [['cholera', 'choléra'], 'الكوليرا'],
  [['water'], 'المياه'],
  [['summit', 'sommet'], 'القمة'],
  [['ceasefire', 'truce', 'cessez le feu', 'trêve'], 'وقف إطلاق النار'],
  [['refugees', 'réfugiés'], 'اللاجئين'],
  [['migrants'], 'المهاجرين'],
  [['climate', 'climat'], 'المناخ'],
  [['drought', 'sécheresse'], 'الجفاف'],
  [['chemical', 'chimique'], 'الكيماوي'],
  [['attack', 'attacks', 'attaque', 'attaques'], 'هجوم'],
  [['chemical weapons', 'armes chimiques'], 'الأسلحة الكيماوية'],
  [['nuclear', 'nucléaire'], 'النووي'],
  [['sanctions'], 'العقوبات'],
  [['human rights', "droits de l'homme", 'droits humains'], 'حقوق الإنسان'],
  [['protest', 'protests', 'manifestation', 'manifestations'], 'احتجاجات'],
  [['airstrike', 'airstrikes', 'frappe', 'frappes'], 'غارات'],
  [['bombing', 'bomb', 'attentat', 'explosion'], 'تفجير'],
  [['terrorism', 'terrorisme'], 'الإرهاب'],
  [['corruption'], 'الفساد'],
  [['prisoners', 'detainees', 'prisonniers', 'détenus'], 'المعتقلين'],
  [['airport', 'aéroport'], 'مطار'],
  [['lawyer', 'avocat'], 'محامي'],
  [['resignation', 'resigns', 'démission'], 'استقالة'],
  [['trial', 'procès'], 'محاكمة'],
  [['mayor', 'maire'], 'رئيس بلدية'],
  [['emir', 'émir'], 'أمير'],
  [['crown prince', 'prince héritier'], 'ولي العهد'],
  [['journalist', 'journalists', 'journaliste', 'journalistes'], 'صحفي'],
  [['women', 'femmes'], 'المرأة'],
  [['brexit'], 'بريكست'],
  [['fake news', 'fausses nouvelles', 'fausses informations', 'infox'], 'الأخبار الكاذبة'],
  [['nerve agent', 'agent innervant'], 'غاز الأعصاب'],
  [['novichok'], 'نوفيتشوك'],
  [['poisoning', 'poisoned', 'empoisonnement', 'empoisonné'], 'تسميم'],
  [['spy', 'espion'], 'الجاسوس'],
  [['missile', 'missiles'], 'صواريخ'],
];

const hasCapital = (s: string): boolean => /\p{Lu}/u.test(s);

/** Every Arabic word of the glossary's names (سوريا, تركيا, كوريا, الشمالية, …), as written there. */
export const GLOSSARY_ARABIC_WORDS: readonly string[] = [
  ...new Set(ENTRIES.flatMap(([, arabic]) => arabic.split(' '))),
];

/** Folded names (words joined by one space) → Arabic; capitalised names in their own table. */
const GLOSSARY = new Map<string, string>();
const CAPITALS = new Map<string, string>();
let longest = 1;
for (const [keys, arabic] of ENTRIES) {
  for (const k of keys) {
    const words = k.split(/[\s'’-]+/u).filter(Boolean);
    longest = Math.max(longest, words.length);
    if (hasCapital(k)) CAPITALS.set(words.join(' '), arabic);
    else GLOSSARY.set(words.map(foldLatin).join(' '), arabic);
  }
}

/** The glossary's names found in a query's words, and the indices of the words it does not know. */
function matchGlossary(words: readonly string[]): { found: string[]; unknown: number[] } {
  const found: string[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < words.length;) {
    let matched = 0;
    for (let n = Math.min(longest, words.length - i); n >= 1 && !matched; n--) {
      const span = words.slice(i, i + n);
      const folded = span.map(foldLatin).join(' ');
      const arabic =
        CAPITALS.get(span.join(' ')) ??
        GLOSSARY.get(folded) ??
        // A plural: "Iraqis", "élections libanaises", "les Irakiens".
        (n === 1 && folded.length > 4 && folded.endsWith('s')
          ? GLOSSARY.get(folded.slice(0, -1))
          : undefined);
      if (arabic === undefined) continue;
      if (!found.includes(arabic)) found.push(arabic);
      matched = n;
    }
    if (!matched) unknown.push(i);
    i += matched || 1;
  }
  return { found, unknown };
}

/**
 * The Arabic words for the known names in a Latin-script query, or undefined when it has none.
 * Longer names win ("North Korea" before "Korea"); words it does not know are left out.
 *
 * @example
 * glossaryToArabic('Afghanistan'); // 'أفغانستان'
 * glossaryToArabic('elections in Iraq'); // 'الانتخابات العراق'
 * glossaryToArabic('Corée du Nord'); // 'كوريا الشمالية'
 */
export function glossaryToArabic(query: string): string | undefined {
  const { found } = matchGlossary(query.match(/[\p{L}\p{N}]+/gu) ?? []);
  return found.length > 0 ? found.join(' ') : undefined;
}

/** Capitalised words of questions that are not names. */
const NOT_NAMES = new Set(
  'the a an and or of in on about news latest what who le la les de du des un une et sur'.split(
    ' ',
  ),
);

/**
 * A Latin-script question in Arabic without a translation provider: the glossary's names, and
 * the names it does not know in Arabic letters (Sarkozy → ساركوزي, see
 * {@link transliterateName}). A word counts as a name when it is the whole question, or is
 * capitalised where it cannot be a sentence's first word (any word but the first, or the first
 * when every word is capitalised): "Strikes on Syria" searches سوريا alone, since a word no
 * article has would lower every match's score. When that leaves nothing, a capitalised first
 * word is the name after all ("Maryland shooting" searches ماريلاند). Undefined when nothing is
 * left.
 *
 * @example
 * offlineToArabic('Sarkozy'); // 'ساركوزي'
 * offlineToArabic('Cambridge Analytica'); // 'كامبريدج اناليتيكا'
 */
export function offlineToArabic(query: string): string | undefined {
  const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
  const { found, unknown } = matchGlossary(words);
  const capitalised = (w: string): boolean => /^\p{Lu}/u.test(w);
  const allCapitalised = words.every(capitalised);
  const spell = (i: number): void => {
    const arabic = transliterateName(words[i]!);
    if (arabic !== undefined && !found.includes(arabic)) found.push(arabic);
  };
  for (const i of unknown) {
    const w = words[i]!;
    const name =
      words.length === 1 ||
      (capitalised(w) && (i > 0 || allCapitalised) && !NOT_NAMES.has(foldLatin(w)));
    if (name) spell(i);
  }
  // Nothing else to search: a capitalised first word is then the name ("Maryland shooting").
  const first = words[0];
  if (found.length === 0 && unknown.includes(0) && first && capitalised(first)) {
    if (!NOT_NAMES.has(foldLatin(first))) spell(0);
  }
  return found.length > 0 ? found.join(' ') : undefined;
}
