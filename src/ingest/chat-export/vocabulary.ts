/**
 * The localized strings WhatsApp writes into chat exports in place of media, deleted messages and
 * system notices (English, Spanish, Portuguese, French, German and Chinese where known). Matching
 * is on the whole text, after bidirectional marks are removed, so a customer who merely mentions
 * "image omitted" mid-sentence is not mistaken for a placeholder.
 */

/** Android, exported without media: the media type is not written. */
export const ANDROID_MEDIA_OMITTED = /^<(media omitted|multimedia omitido|archivo omitido|mídia oculta|médias omis|medien ausgeschlossen)>$/iu;

/** iOS, exported without media: "image omitted", "imagen omitida", … */
export const IOS_MEDIA_OMITTED: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(image|imagen|imagem) (omitted|omitida)$/iu, 'image'],
  [/^(video|vídeo) (omitted|omitido)$/iu, 'video'],
  [/^gif (omitted|omitido)$/iu, 'video'],
  [/^audio (omitted|omitido)$/iu, 'audio'],
  [/^sticker (omitted|omitido)$/iu, 'sticker'],
  [/^(contact card omitted|tarjeta de contacto omitida)$/iu, 'contacts'],
  // Documents keep their name and page count in front: "offer.pdf • 2 pages document omitted".
  [/(^|\s)(document omitted|documento omitido)$/iu, 'document'],
];

/** Android, exported with media: `IMG-20261120-WA0001.jpg (file attached)`. */
export const ANDROID_ATTACHED = /^(?<file>.+?) \((file attached|archivo adjunto|arquivo anexado|fichier joint|datei angehängt)\)$/iu;

/** iOS, exported with media: `<attached: 00000001-PHOTO-2026-11-20-14-03-12.jpg>`. */
export const IOS_ATTACHED = /^<(attached|adjunto|anexado|pièce jointe|angehängt): (?<file>[^>]+)>$/iu;

/** Attached file name → media type, by WhatsApp's file-name prefixes, then by extension. */
export const ATTACHED_FILE_TYPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\.vcf$/iu, 'contacts'],
  [/(^|-)(STK|STICKER)-/u, 'sticker'],
  [/(^|-)(IMG|PHOTO)-/u, 'image'],
  [/(^|-)(VID|VIDEO|GIF)-/u, 'video'],
  [/(^|-)(PTT|AUD|AUDIO)-/u, 'audio'],
  [/\.(jpe?g|png|heic)$/iu, 'image'],
  [/\.webp$/iu, 'sticker'],
  [/\.(mp4|3gp|mov)$/iu, 'video'],
  [/\.(opus|ogg|mp3|m4a|aac|amr)$/iu, 'audio'],
];

/** A shared location: "location: https://maps.google.com/?q=…", or a live location notice. */
export const LOCATION = /^((location|ubicación|localização|localisation|standort): https?:\/\/\S+|live location shared|ubicación en tiempo real compartida)$/iu;

export const DELETED: readonly RegExp[] = [
  /^(this message was deleted|you deleted this message)\.?$/iu,
  /^(se eliminó este mensaje|eliminaste este mensaje|este mensaje fue eliminado)\.?$/iu,
  /^(essa mensagem foi apagada|você apagou esta mensagem)\.?$/iu,
  /^(此消息已删除|你删除了此消息|此訊息已被刪除|你已刪除此訊息|你刪除了此訊息)。?$/u,
];

/** Newer exports append this to edited messages; it is not part of what the sender wrote. */
export const EDITED_SUFFIX = /\s*[\u200e]?<(this message was edited|se editó este mensaje\.?|mensagem editada)>$/iu;

/**
 * Notices that begin a line the way a message would, so they need recognising by their words: the
 * encryption notice (in a one-to-one iOS chat it even carries the contact's name as sender), the
 * security-code change, and the business-account notices.
 */
export const SYSTEM_NOTICES: readonly RegExp[] = [
  /^(messages and calls are end-to-end encrypted|messages to this (chat|group) (and calls )?are now secured with end-to-end encryption)/iu,
  /^(los mensajes y las llamadas están cifrados de extremo a extremo|los mensajes (y llamadas )?(de|en) este chat están cifrados)/iu,
  /^(as mensagens e as chamadas são protegidas com a criptografia de ponta a ponta)/iu,
  /^(消息和通话都进行端到端加密|消息和通话已进行端到端加密|訊息和通話(均|都)?(已)?受端對端加密保護|發送到此對話的訊息和通話現已受端對端加密保護)/u,
  /^(your security code with .+ changed|tu código de seguridad con .+ cambió|你与 ?.+ 的安全码已更改|你與 ?.+ 的安全碼已變更)/iu,
  /^(this business uses a secure service from meta|this chat is with a business account|this business (works with|is now using))/iu,
  /^(esta empresa (usa|trabaja con)|este chat es con una cuenta de empresa)/iu,
  /^(missed (voice|video) call|llamada (de voz|de video|de vídeo) perdida)/iu,
];
