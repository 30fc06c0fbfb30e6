/** The bot's own words in Arabic. Placeholders are {name}; values are escaped by the caller. */
import type { MessageKey } from './en.js';

export const ar: Record<MessageKey, string> = {
  'lang.name': 'العربية',
  welcome:
    '<b>خلاصة</b> — زبدة الأخبار العربية.\n\nكل يوم أجمع مقالات الساعات الأربع والعشرين الماضية في قصص، وأكتب كل قصة في نقاط قليلة، بلغتك وفي الوقت الذي تختاره.\n\nجرّب /digest الآن، أو اسأل عن موضوع: /topic غزة',
  'welcome.back': 'أهلًا بعودتك! عادت خلاصتك اليومية في الساعة {time} ({zone}).',
  'btn.subscribe': '🔔 اشترك',
  'btn.language': '🌐 اللغة',
  'btn.time': '⏰ وقت الإرسال',
  'btn.original': 'الأصل العربي {n}',
  subscribed:
    '🔔 تم الاشتراك. تصلك الخلاصة كل يوم في الساعة {time} ({zone}).\nغيّر الوقت بـ /time واللغة بـ /lang.',
  'already.subscribed': 'أنت مشترك بالفعل: كل يوم في الساعة {time} ({zone}).',
  unsubscribed: '🔕 تم إلغاء الاشتراك. لن تصلك الخلاصة اليومية؛ /subscribe لإعادتها.',
  'not.subscribed': 'لست مشتركًا. أرسل /subscribe لتصلك الخلاصة اليومية.',
  'digest.none': 'لا توجد خلاصة بعد: تُبنى الأولى بعد قراءة المصادر. حاول مجددًا بعد دقائق.',
  'digest.title': 'خلاصة اليوم',
  'digest.updated': 'تحديث',
  'digest.sources': 'المصادر',
  'digest.empty': 'لم تحظَ أي قصة بتغطية كافية في هذه الفترة.',
  'topic.usage': 'اسأل عن موضوع: /topic الموضوع — مثلًا /topic غزة أو /topic الانتخابات',
  'topic.number': 'لفتح قصة اضغط رقمها تحت الخلاصة، وللسؤال عن موضوع أرسل اسمه: غزة، الانتخابات…',
  'topic.title': 'عن «{query}»',
  'topic.none': 'لا شيء عن «{query}» في أخبار الأيام السبعة الماضية.',
  'topic.none.top': 'أبرز عناوين اليوم:',
  'topic.none.mentioned': 'ورد ذكره عرضًا في:',
  'topic.untranslated':
    'الترجمة غير متاحة، فبحثت بكلماتك كما كتبتها. الكلمات العربية تجد أكثر: /topic المغرب',
  'topic.too.long': 'سؤالك طويل؛ بحثت في أول {n} حرف منه.',
  'lang.choose': 'اختر لغة الخلاصة (أو أرسل /lang ورمز اللغة، مثلًا /lang de):',
  'lang.set': '🌐 تم ضبط اللغة: {name} ({code}).',
  'lang.unknown':
    'لا أعرف رمز اللغة «{code}». أرسل /lang لترى القائمة، أو رمزًا مثل en أو fr أو tr.',
  'time.usage':
    'تصلك الخلاصة في الساعة {time} ({zone}).\nغيّرها بـ /time HH:MM [المدينة]، مثلًا /time 07:30 الرياض أو /time 07:30 UTC+3 — أو اختر:',
  'time.bad':
    'هذا ليس وقتًا. استعمل صيغة 24 ساعة HH:MM، مثلًا /time 07:30 أو /time 21:00 Africa/Cairo.',
  'time.badzone':
    '«{zone}» ليست منطقة زمنية أعرفها. أرسل اسم مدينة (الرياض، القاهرة، الدار البيضاء) أو فارق توقيت (UTC+3) أو Area/City (Asia/Riyadh).',
  'time.set': '⏰ الخلاصة اليومية في الساعة {time} ({zone}). القادمة: {next}.',
  settings:
    '<b>إعداداتك</b>\nمشترك: {active}\nاللغة: {language}\nوقت الإرسال: {time} ({zone})\nالمواضيع: {topics}\nالخلاصة القادمة: {next}',
  yes: 'نعم',
  no: 'لا',
  'sources.title': '<b>المصادر</b> ({n})',
  'sources.none': 'لا توجد مصادر مضبوطة.',
  help: '<b>الأوامر</b>\n/digest — آخر خلاصة الآن\n/topic الموضوع — أخبار موضوع ما (أو أرسل الكلمات فقط)\n/subscribe، /unsubscribe — الخلاصة اليومية\n/lang [الرمز] — لغة الخلاصة\n/time HH:MM [المدينة] — وقت الإرسال ومنطقتك الزمنية (/time 07:30 الرياض)\n/follow الموضوع، /unfollow [الموضوع] — قصص مواضيعك فقط\n/settings — إعداداتك\n/format — خلاصة موجزة (شاشة واحدة) أو كاملة\n/sources — مصادر الأخبار',
  'help.admin': '\n\n<b>المشرف</b>\n/stats · /addsource URL · /removesource ID · /sourcestatus',
  'rate.limited': 'لحظة من فضلك: يمكنك السؤال مجددًا بعد {seconds} ث.',
  error: 'عذرًا، حدث خطأ. حاول مجددًا بعد دقيقة.',
  'group.admins.only': 'مشرفو هذه المجموعة وحدهم يستطيعون تغيير إعدادات الخلاصة فيها.',
  'admin.only': 'هذا الأمر لمشغّل البوت فقط.',
  stats:
    '<b>إحصاءات</b>\nالمشتركون: {active} نشط من {total}\nالمقالات (24 ساعة): {articles}\nآخر خلاصة: {digest}\nالمصادر: {sources} (المتعثرة: {failing})\nالترجمة: {provider}',
  'addsource.usage': 'الاستعمال: /addsource URL (موجز أو صفحة، http أو https)',
  'addsource.bad': 'تعذّرت إضافة {url}: {reason}',
  'addsource.ok': 'أُضيف المصدر {id}: {url}',
  'removesource.usage': 'الاستعمال: /removesource ID (انظر /sources)',
  'removesource.ok': 'حُذف المصدر {id}.',
  'removesource.none': 'لا يوجد مصدر بالمعرّف {id}.',
  'sourcestatus.none': 'لم يُقرأ أي مصدر بعد.',
  'sourcestatus.title': '<b>حالة المصادر</b>',
  'original.gone': 'هذه القصة لم تعد محفوظة.',
  'digest.reading':
    'أقرأ مصادر الأخبار لأول مرة؛ ستجهز خلاصتك الأولى خلال دقيقة أو دقيقتين. أعد إرسال /digest بعد قليل.',
  'digest.topics.lead': 'قصص عن مواضيعك: {topics}',
  'digest.topics.none': 'لا جديد عن مواضيعك ({topics}) اليوم. إليك أبرز العناوين:',
  'btn.all.stories': '📰 كل القصص',
  'topic.reading': 'ما زلت أقرأ مصادر الأخبار لأول مرة؛ أعد السؤال بعد دقيقة أو دقيقتين.',
  'format.brief': 'موجز (شاشة واحدة)',
  'format.full': 'كامل (كل النقاط)',
  'format.set': '📄 شكل الخلاصة: {format}.',
  'format.usage': 'شكل الخلاصة: {format}. اختر:',
  'settings.format': 'شكل الخلاصة: {format} — غيّره بـ /format',
  'console.banner':
    'محادثة خلاصة المحلية — لم يُضبط TELEGRAM_BOT_TOKEN، لذا تحادث البوت هنا على المقالات النموذجية المرفقة.\nاكتب /digest أو /topic الموضوع أو /help. للتشغيل على تيليغرام اضبط TELEGRAM_BOT_TOKEN (من @BotFather).',
  'follow.list':
    '🔎 لا تحمل إليك الخلاصة اليومية إلا القصص المتعلقة بـ: {topics}\n/follow موضوع يضيف موضوعاً، و/unfollow موضوع يزيله، و/unfollow وحدها تعيد إليك كل القصص.',
  'follow.none':
    'تحمل إليك الخلاصة اليومية كل القصص. لتقتصر على مواضيع بعينها تابعها: /follow غزة أو /follow الاقتصاد (حتى 10 مواضيع).',
  'follow.bad': 'الموضوع كلمة أو بضع كلمات، {max} حرفاً على الأكثر: /follow غزة',
  'follow.full': 'تتابع {max} مواضيع بالفعل؛ أزل واحداً أولاً بـ /unfollow.',
  'follow.added':
    '🔎 تتابع الآن «{topic}». لن تحمل إليك الخلاصة اليومية إلا القصص المتعلقة بـ: {topics}',
  'follow.known': 'أنت تتابع «{topic}» بالفعل. مواضيعك: {topics}',
  'follow.inactive': 'لست مشتركاً: أرسل /subscribe لتصلك الخلاصة اليومية.',
  'follow.cleared': 'لا مواضيع مختارة: تحمل إليك الخلاصة اليومية كل القصص.',
  'follow.notfound': 'لا تتابع «{topic}». أرسل /follow لترى مواضيعك.',
  'follow.removed': 'توقفت متابعة «{topic}». مواضيعك: {topics}',
  'settings.alltopics': 'كل القصص',
  'cmd.start': 'الترحيب والأزرار',
  'cmd.digest': 'آخر خلاصة الآن',
  'cmd.topic': 'أخبار موضوع ما',
  'cmd.subscribe': 'الاشتراك في الخلاصة اليومية',
  'cmd.unsubscribe': 'إيقاف الخلاصة اليومية',
  'cmd.lang': 'لغة الخلاصة',
  'cmd.time': 'وقت الإرسال',
  'cmd.format': 'خلاصة موجزة أو كاملة',
  'cmd.settings': 'إعداداتك',
  'cmd.sources': 'مصادر الأخبار',
  'cmd.follow': 'متابعة موضوع',
  'cmd.unfollow': 'إلغاء متابعة موضوع',
  'cmd.help': 'مساعدة',
  'cmd.stats': 'المشرف: إحصاءات',
  'cmd.addsource': 'المشرف: إضافة مصدر',
  'cmd.removesource': 'المشرف: حذف مصدر',
  'cmd.sourcestatus': 'المشرف: حالة المصادر',
  'command.unknown': 'لا أعرف الأمر {command}. أرسل /help لترى الأوامر.',
  'zone.usage':
    'منطقتك الزمنية: {zone}.\nاختر مدينة، أو أرسل /time المدينة — مثلاً /time الرياض أو /time Cairo أو /time UTC+3:',
  'zone.set':
    '🕰 ضُبطت المنطقة الزمنية: {zone}. تصلك الخلاصة في الساعة {time} بتوقيتها. الخلاصة التالية: {next}.',
  'time.not.subscribed': 'لست مشتركاً بعد: أرسل /subscribe لتصلك الخلاصة اليومية.',
  'btn.zone': '🕰 المنطقة الزمنية',
  'lang.untranslated':
    '⚠️ الترجمة غير مفعّلة في هذا البوت بعد، لذا تبقى الخلاصات بالعربية حتى يفعّلها المشرف.',
  'lang.marked': '* تحتاج إلى ترجمة، وهي غير مفعّلة في هذا البوت بعد: ستبقى الخلاصات بالعربية.',
  'setup.intro':
    '<b>خلاصة</b> — زبدة الأخبار العربية.\n\nكل يوم أجمع مقالات الساعات الأربع والعشرين الماضية في قصص، وأكتب كل قصة في نقاط قليلة، بلغتك وفي الوقت الذي تختاره.',
  'setup.intro.arabic':
    '<b>خلاصة</b> — زبدة الأخبار العربية.\n\nكل يوم أجمع مقالات الساعات الأربع والعشرين الماضية في قصص، وأكتب كل قصة في نقاط قليلة بالعربية، في الوقت الذي تختاره.',
  'setup.step.lang': '<b>1/4</b> بأي لغة تريد الخلاصة؟',
  'setup.step.zone':
    '<b>2/4</b> منطقتك الزمنية (الآن {zone}): اختر مدينة أو فارق توقيت، أو اكتب اسم مدينتك — الرياض، القاهرة، UTC+3.',
  'setup.zone.set': '🕰 ضُبطت المنطقة الزمنية: {zone}.',
  'setup.step.time': '<b>3/4</b> متى تريد أن تصلك الخلاصة اليومية؟',
  'setup.time.set': '⏰ ضُبط وقت الإرسال: {time}.',
  'setup.step.done':
    '<b>4/4</b> خلاصتك: كل يوم في الساعة {time} ({zone})، باللغة: {language}.\nاختياري: احصر الخلاصة في مواضيع تختارها — اضغطها أدناه، أو أرسل /follow وأي موضوع.\nاشترك لتصلك كل يوم — ويعمل /digest و/topic في كل الأحوال.',
  'btn.later': 'ليس الآن',
  'setup.later': 'لم تشترك. أرسل /subscribe متى شئت؛ ويعمل /digest و/topic في كل الأحوال.',
  'setup.already': 'أنت مشترك: أرسل /settings لترى إعداداتك كلها.',
  'unfollow.confirm':
    'هل تريد إلغاء متابعة كل المواضيع ({n}): {topics}؟ ستحمل إليك الخلاصة اليومية كل القصص من جديد.',
  'btn.unfollow.all': 'نعم، ألغِ الكل',
  'btn.unfollow.keep': 'لا، أبقِها',
  'private.refused':
    'هذا البوت خاص. رقم محادثتك <code>{id}</code>: يمكن لمشغّله إضافته إلى ALLOWED_CHAT_IDS.',
  whoami:
    'رقم المحادثة: <code>{id}</code>{user}\nيضعه المشغّل في ADMIN_CHAT_IDS أو ALLOWED_CHAT_IDS.',
  'whoami.user': ' · رقم المستخدم: <code>{id}</code>',
  'cmd.whoami': 'رقم محادثتك',
  'setup.topic.added':
    '🔎 تتابع الآن «{topic}». لن تحمل إليك الخلاصة إلا القصص المتعلقة بـ: {topics}',
  'setup.topic.removed': 'توقفت متابعة «{topic}». مواضيعك: {topics}',
  'unfollow.confirm.one':
    'هل تريد إلغاء متابعة «{topics}»؟ ستحمل إليك الخلاصة اليومية كل القصص من جديد.',
  'opml.result': '<b>OPML</b>: أضيف {added}، وتُرك {skipped}',
  'opml.bad': '⚠️ تعذّرت قراءة {file}: {reason}',
  'opml.large': '⚠️ حجم {file} أكبر من 2 ميغابايت.',
};
