/** The bot's own words in English. Placeholders are {name}; values are escaped by the caller. */
export const en = {
  'lang.name': 'English',
  welcome:
    '<b>Khulasa</b> — the gist of Arabic news.\n\nEvery day I group the articles of the last 24 hours into stories and write each as a few key points, in your language, at your time.\n\nTry /digest now, or ask about a topic: /topic Gaza',
  'welcome.back': 'Welcome back! Your daily digest is on again at {time} ({zone}).',
  'btn.subscribe': '🔔 Subscribe',
  'btn.language': '🌐 Language',
  'btn.time': '⏰ Delivery time',
  'btn.original': 'Arabic original {n}',
  subscribed:
    '🔔 Subscribed. Your digest arrives every day at {time} ({zone}).\nChange it with /time, the language with /lang.',
  'already.subscribed': 'You are already subscribed: every day at {time} ({zone}).',
  unsubscribed: '🔕 Unsubscribed. No more daily digests; /subscribe brings them back.',
  'not.subscribed': 'You are not subscribed. /subscribe to get the daily digest.',
  'digest.none':
    'No digest yet: the first one is built after the sources are read. Try again in a few minutes.',
  'digest.title': 'Today’s digest',
  'digest.updated': 'update',
  'digest.sources': 'Sources',
  'digest.empty': 'No story was covered widely enough in this window.',
  'topic.usage': 'Ask about a topic: /topic QUERY — for example /topic Gaza or /topic الانتخابات',
  'topic.number':
    'To open a story, press its number under the digest; to ask about a subject, send its name: Gaza, the elections…',
  'topic.title': 'About “{query}”',
  'topic.none': 'Nothing about “{query}” in the news of the last 7 days.',
  'topic.none.top': 'Today’s top headlines:',
  'topic.none.mentioned': 'Named in passing in:',
  'topic.untranslated':
    'Translation is not available, so I searched your words as typed. Arabic words find more: /topic المغرب',
  'topic.too.long': 'That question is long; I searched its first {n} characters.',
  'lang.choose': 'Choose the language of your digest (or send /lang CODE, for example /lang de):',
  'lang.set': '🌐 Language set: {name} ({code}).',
  'lang.unknown':
    'I do not know the language code “{code}”. Send /lang to see a list, or a code like en, fr, tr.',
  'time.usage':
    'Your digest arrives at {time} ({zone}).\nSet it with /time HH:MM [CITY], for example /time 07:30 Riyadh, /time 07:30 الرياض or /time 07:30 UTC+3 — or pick one:',
  'time.bad':
    'That is not a time. Use 24-hour HH:MM, for example /time 07:30 or /time 21:00 Europe/Paris.',
  'time.badzone':
    '“{zone}” is not a time zone I know. Send a city (Riyadh, الرياض, Casablanca), an offset (UTC+3) or Area/City (Asia/Riyadh).',
  'time.set': '⏰ Daily digest at {time} ({zone}). Next one: {next}.',
  settings:
    '<b>Your settings</b>\nSubscribed: {active}\nLanguage: {language}\nDelivery time: {time} ({zone})\nTopics: {topics}\nNext digest: {next}',
  yes: 'yes',
  no: 'no',
  'sources.title': '<b>Sources</b> ({n})',
  'sources.none': 'No sources are configured.',
  help: '<b>Commands</b>\n/digest — the latest digest now\n/topic QUERY — news about a topic (or just send the words)\n/subscribe, /unsubscribe — the daily digest\n/lang [CODE] — language of the digest\n/time HH:MM [CITY] — delivery time and time zone (/time 07:30 Riyadh, /time UTC+3)\n/follow TOPIC, /unfollow [TOPIC] — keep only the stories about your topics\n/settings — your settings\n/format — brief (one screen) or full digest\n/sources — where the news comes from',
  'help.admin': '\n\n<b>Admin</b>\n/stats · /addsource URL · /removesource ID · /sourcestatus',
  'rate.limited': 'One moment please: you can ask again in {seconds} s.',
  error: 'Sorry, something went wrong. Please try again in a minute.',
  'group.admins.only': 'Only the admins of this group can change its digest settings.',
  'admin.only': 'This command is for the operator of this bot.',
  stats:
    '<b>Stats</b>\nSubscribers: {active} active of {total}\nArticles (24 h): {articles}\nLatest digest: {digest}\nSources: {sources} (failing: {failing})\nTranslation: {provider}',
  'addsource.usage': 'Usage: /addsource URL (a feed or a page, http or https)',
  'addsource.bad': 'Cannot add {url}: {reason}',
  'addsource.ok': 'Added source {id}: {url}',
  'removesource.usage': 'Usage: /removesource ID (see /sources)',
  'removesource.ok': 'Removed source {id}.',
  'removesource.none': 'No source with id {id}.',
  'sourcestatus.none': 'No source has been read yet.',
  'sourcestatus.title': '<b>Source status</b>',
  'original.gone': 'That story is no longer stored.',
  'digest.reading':
    'I am reading the news sources for the first time; your first digest will be ready in a minute or two. Try /digest again shortly.',
  'digest.topics.lead': 'Stories about your topics: {topics}',
  'digest.topics.none': 'Nothing on your topics ({topics}) today. Here are the top headlines:',
  'btn.all.stories': '📰 All stories',
  'topic.reading':
    'I am still reading the news sources for the first time; ask again in a minute or two.',
  'format.brief': 'brief (one screen)',
  'format.full': 'full (every point)',
  'format.set': '📄 Digest format: {format}.',
  'format.usage': 'Digest format: {format}. Choose one:',
  'settings.format': 'Digest format: {format} — /format to change it',
  'console.banner':
    'Khulasa local chat — no TELEGRAM_BOT_TOKEN is set, so you are talking to the bot here, over the bundled sample articles.\nType /digest, /topic QUERY or /help. To go live, set TELEGRAM_BOT_TOKEN (from @BotFather).',
  'follow.list':
    '🔎 Your daily digest keeps only the stories about: {topics}\n/follow TOPIC adds one, /unfollow TOPIC removes one, /unfollow alone brings back every story.',
  'follow.none':
    'Your daily digest has every story. To keep only some, follow topics: /follow Gaza or /follow الاقتصاد (up to 10).',
  'follow.bad': 'A topic is a word or a few words, at most {max} characters: /follow Gaza',
  'follow.full': 'You already follow {max} topics; /unfollow one first.',
  'follow.added':
    '🔎 Following “{topic}”. Your daily digest keeps only the stories about: {topics}',
  'follow.known': 'You already follow “{topic}”. Your topics: {topics}',
  'follow.inactive': 'You are not subscribed: /subscribe to get the daily digest.',
  'follow.cleared': 'No topic filters: your daily digest has every story.',
  'follow.notfound': 'You do not follow “{topic}”. /follow shows your topics.',
  'follow.removed': 'Stopped following “{topic}”. Your topics: {topics}',
  'settings.alltopics': 'every story',
  'cmd.start': 'Welcome and buttons',
  'cmd.digest': 'The latest digest now',
  'cmd.topic': 'News about a topic',
  'cmd.subscribe': 'Get the daily digest',
  'cmd.unsubscribe': 'Stop the daily digest',
  'cmd.lang': 'Language of the digest',
  'cmd.time': 'Delivery time',
  'cmd.format': 'Brief or full digest',
  'cmd.settings': 'Your settings',
  'cmd.sources': 'Where the news comes from',
  'cmd.follow': 'Follow a topic',
  'cmd.unfollow': 'Stop following a topic',
  'cmd.help': 'Help',
  'cmd.stats': 'Admin: statistics',
  'cmd.addsource': 'Admin: add a source',
  'cmd.removesource': 'Admin: remove a source',
  'cmd.sourcestatus': 'Admin: source health',
  'command.unknown': 'I do not know {command}. /help lists the commands.',
  'zone.usage':
    'Your time zone: {zone}.\nPick a city, or send /time CITY — for example /time Riyadh, /time الرياض or /time UTC+3:',
  'zone.set': '🕰 Time zone set: {zone}. Your digest arrives at {time} there. Next one: {next}.',
  'time.not.subscribed': 'You are not subscribed yet: /subscribe to get the daily digest.',
  'btn.zone': '🕰 Time zone',
  'lang.untranslated':
    '⚠️ Translation is not enabled on this bot yet, so digests stay in Arabic until the operator enables it.',
  'lang.marked':
    '* needs translation, which this bot does not have yet: digests would stay in Arabic.',
  'setup.intro':
    '<b>Khulasa</b> — the gist of Arabic news.\n\nEvery day I group the articles of the last 24 hours into stories and write each as a few key points, in your language, at your time.',
  'setup.intro.arabic':
    '<b>Khulasa</b> — the gist of Arabic news.\n\nEvery day I group the articles of the last 24 hours into stories and write each as a few key points, in Arabic (this bot does not translate yet), at your time.',
  'setup.step.lang': '<b>1/4</b> Which language should the digest be in?',
  'setup.step.zone':
    '<b>2/4</b> Your time zone (now {zone}): pick a city or an offset, or type your city — Riyadh, الرياض, UTC+3.',
  'setup.zone.set': '🕰 Time zone set: {zone}.',
  'setup.step.time': '<b>3/4</b> When should the daily digest arrive?',
  'setup.time.set': '⏰ Delivery time set: {time}.',
  'setup.step.done':
    '<b>4/4</b> Your digest: every day at {time} ({zone}), in {language}.\nOptional: keep only some topics — press them below, or /follow any topic.\nSubscribe to get it every day — /digest and /topic work either way.',
  'btn.later': 'Not now',
  'setup.later': 'Not subscribed. /subscribe whenever you like; /digest and /topic work anyway.',
  'setup.already': 'You are subscribed: /settings shows everything.',
  'unfollow.confirm':
    'Stop following all {n} topics ({topics})? Your daily digest would have every story again.',
  'btn.unfollow.all': 'Yes, stop all',
  'btn.unfollow.keep': 'No, keep them',
  'private.refused':
    'This bot is private. Your chat id is <code>{id}</code>: its operator can add it to ALLOWED_CHAT_IDS.',
  whoami:
    'Chat id: <code>{id}</code>{user}\nOperators put it in ADMIN_CHAT_IDS or ALLOWED_CHAT_IDS.',
  'whoami.user': ' · your user id: <code>{id}</code>',
  'cmd.whoami': 'Your chat id',
  'setup.topic.added': '🔎 Following “{topic}”. Your digest keeps only the stories about: {topics}',
  'setup.topic.removed': 'Stopped following “{topic}”. Your topics: {topics}',
  'unfollow.confirm.one':
    'Stop following “{topics}”? Your daily digest would have every story again.',
  'opml.result': '<b>OPML</b>: {added} added, {skipped} skipped',
  'opml.bad': '⚠️ {file} could not be read: {reason}',
  'opml.large': '⚠️ {file} is larger than 2 MB.',
} as const;

export type MessageKey = keyof typeof en;
