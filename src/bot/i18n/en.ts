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
  'topic.title': 'About “{query}”',
  'topic.none': 'Nothing about “{query}” in the news of the last 7 days.',
  'topic.untranslated':
    'Translation is not available, so I searched your words as typed. Arabic words find more: /topic المغرب',
  'topic.too.long': 'That question is long; I searched its first {n} characters.',
  'lang.choose': 'Choose the language of your digest (or send /lang CODE, for example /lang de):',
  'lang.set': '🌐 Language set: {name} ({code}).',
  'lang.unknown':
    'I do not know the language code “{code}”. Send /lang to see a list, or a code like en, fr, tr.',
  'time.usage':
    'Your digest arrives at {time} ({zone}).\nSet it with /time HH:MM [Area/City], for example /time 07:30 Asia/Riyadh — or pick one:',
  'time.bad':
    'That is not a time. Use 24-hour HH:MM, for example /time 07:30 or /time 21:00 Europe/Paris.',
  'time.badzone':
    '“{zone}” is not a time zone. Use Area/City, for example Africa/Cairo or Asia/Riyadh.',
  'time.set': '⏰ Daily digest at {time} ({zone}). Next one: {next}.',
  settings:
    '<b>Your settings</b>\nSubscribed: {active}\nLanguage: {language}\nDelivery time: {time} ({zone})\nTopics: {topics}\nNext digest: {next}',
  yes: 'yes',
  no: 'no',
  'sources.title': '<b>Sources</b> ({n})',
  'sources.none': 'No sources are configured.',
  help: '<b>Commands</b>\n/digest — the latest digest now\n/topic QUERY — news about a topic (or just send the words)\n/subscribe, /unsubscribe — the daily digest\n/lang [CODE] — language of the digest\n/time HH:MM [Area/City] — delivery time\n/follow TOPIC, /unfollow [TOPIC] — keep only the stories about your topics\n/settings — your settings\n/sources — where the news comes from',
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
  'cmd.settings': 'Your settings',
  'cmd.sources': 'Where the news comes from',
  'cmd.follow': 'Follow a topic',
  'cmd.unfollow': 'Stop following a topic',
  'cmd.help': 'Help',
  'cmd.stats': 'Admin: statistics',
  'cmd.addsource': 'Admin: add a source',
  'cmd.removesource': 'Admin: remove a source',
  'cmd.sourcestatus': 'Admin: source health',
  'private.refused':
    'This bot is private. Your chat id is <code>{id}</code>: its operator can add it to ALLOWED_CHAT_IDS.',
  whoami:
    'Chat id: <code>{id}</code>{user}\nOperators put it in ADMIN_CHAT_IDS or ALLOWED_CHAT_IDS.',
  'whoami.user': ' · your user id: <code>{id}</code>',
  'cmd.whoami': 'Your chat id',
  'opml.result': '<b>OPML</b>: {added} added, {skipped} skipped',
  'opml.bad': '⚠️ {file} could not be read: {reason}',
  'opml.large': '⚠️ {file} is larger than 2 MB.',
} as const;

export type MessageKey = keyof typeof en;
