/** The bot's own words in French. Placeholders are {name}; values are escaped by the caller. */
import type { MessageKey } from './en.js';

export const fr: Record<MessageKey, string> = {
  'lang.name': 'Français',
  welcome:
    '<b>Khulasa</b> — l’essentiel de l’actualité arabe.\n\nChaque jour, je regroupe les articles des dernières 24 heures en sujets et je résume chacun en quelques points, dans votre langue, à l’heure de votre choix.\n\nEssayez /digest maintenant, ou posez une question : /topic Gaza',
  'welcome.back': 'Bon retour ! Votre résumé quotidien reprend à {time} ({zone}).',
  'btn.subscribe': '🔔 S’abonner',
  'btn.language': '🌐 Langue',
  'btn.time': '⏰ Heure d’envoi',
  'btn.original': 'Original arabe {n}',
  subscribed:
    '🔔 Abonné. Votre résumé arrive chaque jour à {time} ({zone}).\nChangez l’heure avec /time, la langue avec /lang.',
  'already.subscribed': 'Vous êtes déjà abonné : chaque jour à {time} ({zone}).',
  unsubscribed: '🔕 Désabonné. Plus de résumé quotidien ; /subscribe pour le retrouver.',
  'not.subscribed': 'Vous n’êtes pas abonné. /subscribe pour recevoir le résumé quotidien.',
  'digest.none':
    'Pas encore de résumé : le premier est construit après la lecture des sources. Réessayez dans quelques minutes.',
  'digest.title': 'Le résumé du jour',
  'digest.updated': 'mise à jour',
  'digest.sources': 'Sources',
  'digest.empty': 'Aucun sujet n’a été assez couvert sur cette période.',
  'topic.usage': 'Posez une question : /topic SUJET — par exemple /topic Gaza ou /topic الانتخابات',
  'topic.number':
    'Pour ouvrir une histoire, appuyez sur son numéro sous le résumé ; pour un sujet, envoyez son nom : Gaza, les élections…',
  'topic.title': 'À propos de « {query} »',
  'topic.none': 'Rien sur « {query} » dans l’actualité des 7 derniers jours.',
  'topic.none.top': 'Les gros titres du jour :',
  'topic.none.mentioned': 'Cité au passage dans :',
  'topic.untranslated':
    'La traduction n’est pas disponible : j’ai cherché vos mots tels quels. Des mots arabes trouvent davantage : /topic المغرب',
  'topic.too.long': 'Votre question est longue ; j’ai cherché ses {n} premiers caractères.',
  'lang.choose':
    'Choisissez la langue de votre résumé (ou envoyez /lang CODE, par exemple /lang de) :',
  'lang.set': '🌐 Langue choisie : {name} ({code}).',
  'lang.unknown':
    'Je ne connais pas le code de langue « {code} ». Envoyez /lang pour voir la liste, ou un code comme en, fr, tr.',
  'time.usage':
    'Votre résumé arrive à {time} ({zone}).\nChangez-la avec /time HH:MM [VILLE], par exemple /time 07:30 Casablanca ou /time 07:30 UTC+1 — ou choisissez :',
  'time.bad':
    'Ce n’est pas une heure. Utilisez le format 24 h HH:MM, par exemple /time 07:30 ou /time 21:00 Europe/Paris.',
  'time.badzone':
    '« {zone} » n’est pas un fuseau horaire connu. Envoyez une ville (Casablanca, Paris, الرياض), un décalage (UTC+1) ou Zone/Ville (Europe/Paris).',
  'time.set': '⏰ Résumé quotidien à {time} ({zone}). Prochain : {next}.',
  settings:
    '<b>Vos réglages</b>\nAbonné : {active}\nLangue : {language}\nHeure d’envoi : {time} ({zone})\nSujets : {topics}\nProchain résumé : {next}',
  yes: 'oui',
  no: 'non',
  'sources.title': '<b>Sources</b> ({n})',
  'sources.none': 'Aucune source n’est configurée.',
  help: '<b>Commandes</b>\n/digest — le dernier résumé maintenant\n/topic SUJET — l’actualité d’un sujet (ou envoyez simplement les mots)\n/subscribe, /unsubscribe — le résumé quotidien\n/lang [CODE] — langue du résumé\n/time HH:MM [VILLE] — heure d’envoi et fuseau (/time 07:30 Casablanca, /time UTC+1)\n/follow SUJET, /unfollow [SUJET] — seulement les histoires de vos sujets\n/settings — vos réglages\n/format — résumé bref (un écran) ou complet\n/sources — d’où viennent les nouvelles',
  'help.admin': '\n\n<b>Admin</b>\n/stats · /addsource URL · /removesource ID · /sourcestatus',
  'rate.limited': 'Un instant s’il vous plaît : vous pourrez redemander dans {seconds} s.',
  error: 'Désolé, une erreur est survenue. Réessayez dans une minute.',
  'group.admins.only': 'Seuls les administrateurs de ce groupe peuvent changer ses réglages.',
  'admin.only': 'Cette commande est réservée à l’opérateur du bot.',
  stats:
    '<b>Statistiques</b>\nAbonnés : {active} actifs sur {total}\nArticles (24 h) : {articles}\nDernier résumé : {digest}\nSources : {sources} (en échec : {failing})\nTraduction : {provider}',
  'addsource.usage': 'Usage : /addsource URL (un flux ou une page, http ou https)',
  'addsource.bad': 'Impossible d’ajouter {url} : {reason}',
  'addsource.ok': 'Source ajoutée {id} : {url}',
  'removesource.usage': 'Usage : /removesource ID (voir /sources)',
  'removesource.ok': 'Source {id} supprimée.',
  'removesource.none': 'Aucune source avec l’identifiant {id}.',
  'sourcestatus.none': 'Aucune source n’a encore été lue.',
  'sourcestatus.title': '<b>État des sources</b>',
  'original.gone': 'Cette histoire n’est plus conservée.',
  'digest.reading':
    'Je lis les sources pour la première fois ; votre premier résumé sera prêt dans une minute ou deux. Renvoyez /digest dans un instant.',
  'digest.topics.lead': 'Les sujets que vous suivez : {topics}',
  'digest.topics.none': 'Rien sur vos sujets ({topics}) aujourd’hui. Voici les principaux titres :',
  'btn.all.stories': '📰 Tous les sujets',
  'topic.reading':
    'Je lis encore les sources pour la première fois ; reposez la question dans une minute ou deux.',
  'format.brief': 'bref (un écran)',
  'format.full': 'complet (tous les points)',
  'format.set': '📄 Format du résumé : {format}.',
  'format.usage': 'Format du résumé : {format}. Choisissez :',
  'settings.format': 'Format du résumé : {format} — /format pour le changer',
  'console.banner':
    'Conversation locale Khulasa — TELEGRAM_BOT_TOKEN n’est pas défini : vous parlez au bot ici, sur les articles d’exemple fournis.\nTapez /digest, /topic SUJET ou /help. Pour passer en ligne, définissez TELEGRAM_BOT_TOKEN (obtenu auprès de @BotFather).',
  'follow.list':
    '🔎 Votre résumé quotidien ne garde que les histoires sur : {topics}\n/follow SUJET en ajoute un, /unfollow SUJET en retire un, /unfollow seul rétablit toutes les histoires.',
  'follow.none':
    'Votre résumé quotidien contient toutes les histoires. Pour n’en garder que certaines, suivez des sujets : /follow Gaza ou /follow الاقتصاد (jusqu’à 10).',
  'follow.bad': 'Un sujet est un mot ou quelques mots, {max} caractères au plus : /follow Gaza',
  'follow.full': 'Vous suivez déjà {max} sujets ; retirez-en un avec /unfollow.',
  'follow.added':
    '🔎 Vous suivez « {topic} ». Votre résumé quotidien ne garde que les histoires sur : {topics}',
  'follow.known': 'Vous suivez déjà « {topic} ». Vos sujets : {topics}',
  'follow.inactive': 'Vous n’êtes pas abonné : /subscribe pour recevoir le résumé quotidien.',
  'follow.cleared': 'Aucun filtre : votre résumé quotidien contient toutes les histoires.',
  'follow.notfound': 'Vous ne suivez pas « {topic} ». /follow affiche vos sujets.',
  'follow.removed': 'Vous ne suivez plus « {topic} ». Vos sujets : {topics}',
  'settings.alltopics': 'toutes les histoires',
  'cmd.start': 'Accueil et boutons',
  'cmd.digest': 'Le dernier résumé maintenant',
  'cmd.topic': 'L’actualité d’un sujet',
  'cmd.subscribe': 'Recevoir le résumé quotidien',
  'cmd.unsubscribe': 'Arrêter le résumé quotidien',
  'cmd.lang': 'Langue du résumé',
  'cmd.time': 'Heure d’envoi',
  'cmd.format': 'Résumé bref ou complet',
  'cmd.settings': 'Vos réglages',
  'cmd.sources': 'D’où viennent les nouvelles',
  'cmd.follow': 'Suivre un sujet',
  'cmd.unfollow': 'Ne plus suivre un sujet',
  'cmd.help': 'Aide',
  'cmd.stats': 'Admin : statistiques',
  'cmd.addsource': 'Admin : ajouter une source',
  'cmd.removesource': 'Admin : supprimer une source',
  'cmd.sourcestatus': 'Admin : état des sources',
  'command.unknown': 'Je ne connais pas la commande {command}. /help donne la liste.',
  'zone.usage':
    'Votre fuseau horaire : {zone}.\nChoisissez une ville, ou envoyez /time VILLE — par exemple /time Casablanca, /time الرياض ou /time UTC+1 :',
  'zone.set':
    '🕰 Fuseau horaire choisi : {zone}. Votre résumé arrive à {time}, heure locale. Prochain : {next}.',
  'time.not.subscribed':
    'Vous n’êtes pas encore abonné : /subscribe pour recevoir le résumé quotidien.',
  'btn.zone': '🕰 Fuseau horaire',
  'lang.untranslated':
    '⚠️ La traduction n’est pas encore activée sur ce bot : les résumés restent en arabe jusqu’à ce que l’opérateur l’active.',
  'lang.marked':
    '* nécessite la traduction, pas encore activée sur ce bot : les résumés resteraient en arabe.',
  'setup.intro':
    '<b>Khulasa</b> — l’essentiel de l’actualité arabe.\n\nChaque jour, je regroupe les articles des dernières 24 heures en histoires et résume chacune en quelques points, dans votre langue, à l’heure de votre choix.',
  'setup.intro.arabic':
    '<b>Khulasa</b> — l’essentiel de l’actualité arabe.\n\nChaque jour, je regroupe les articles des dernières 24 heures en histoires et résume chacune en quelques points, en arabe (ce bot ne traduit pas encore), à l’heure de votre choix.',
  'setup.step.lang': '<b>1/4</b> Dans quelle langue voulez-vous le résumé ?',
  'setup.step.zone':
    '<b>2/4</b> Votre fuseau horaire (actuellement {zone}) : choisissez une ville ou un décalage, ou écrivez votre ville — Casablanca, Paris, UTC+1.',
  'setup.zone.set': '🕰 Fuseau horaire choisi : {zone}.',
  'setup.step.time': '<b>3/4</b> À quelle heure voulez-vous recevoir le résumé quotidien ?',
  'setup.time.set': '⏰ Heure d’envoi choisie : {time}.',
  'setup.step.done':
    '<b>4/4</b> Votre résumé : chaque jour à {time} ({zone}), en {language}.\nFacultatif : ne gardez que certains sujets — touchez-les ci-dessous, ou /follow n’importe quel sujet.\nAbonnez-vous pour le recevoir chaque jour — /digest et /topic fonctionnent de toute façon.',
  'btn.later': 'Plus tard',
  'setup.later':
    'Pas d’abonnement. /subscribe quand vous voulez ; /digest et /topic fonctionnent quand même.',
  'setup.already': 'Vous êtes abonné : /settings montre tout.',
  'unfollow.confirm':
    'Ne plus suivre aucun des {n} sujets ({topics}) ? Votre résumé quotidien reprendrait toutes les histoires.',
  'btn.unfollow.all': 'Oui, tout arrêter',
  'btn.unfollow.keep': 'Non, les garder',
  'private.refused':
    'Ce bot est privé. L’identifiant de votre discussion est <code>{id}</code> : son opérateur peut l’ajouter à ALLOWED_CHAT_IDS.',
  whoami:
    'Identifiant de la discussion : <code>{id}</code>{user}\nL’opérateur le met dans ADMIN_CHAT_IDS ou ALLOWED_CHAT_IDS.',
  'whoami.user': ' · votre identifiant : <code>{id}</code>',
  'cmd.whoami': 'Votre identifiant de discussion',
  'setup.topic.added':
    '🔎 Vous suivez « {topic} ». Votre résumé ne garde que les histoires sur : {topics}',
  'setup.topic.removed': 'Vous ne suivez plus « {topic} ». Vos sujets : {topics}',
  'unfollow.confirm.one':
    'Ne plus suivre « {topics} » ? Votre résumé quotidien reprendrait toutes les histoires.',
  'opml.result': '<b>OPML</b> : {added} ajoutées, {skipped} ignorées',
  'opml.bad': '⚠️ Impossible de lire {file} : {reason}',
  'opml.large': '⚠️ {file} dépasse 2 Mo.',
};
