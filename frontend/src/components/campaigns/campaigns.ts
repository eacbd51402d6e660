// Breach-notice campaigns (notify): the API's shapes, their labels, and the small rules the pages follow —
// which step a campaign is at, when an import or the delivery is worth polling.
import type { components } from '../../api/notify'
import type { MessageKey } from '../../i18n/messages'

type Schemas = components['schemas']
export type Campaign = Schemas['CampaignRead']
export type CampaignCreate = Schemas['CampaignCreate']
export type CampaignStatus = Campaign['status']
export type RecipientImport = Schemas['RecipientImportRead']
export type Recipient = Schemas['RecipientRead']
export type DeliveryCounts = Schemas['DeliveryCounts']
export type ChannelCounts = Schemas['ChannelCounts']
export type LetterBatch = Schemas['LetterBatchRead']
export type LetterBatchStatus = LetterBatch['status']
export type ImportEncoding = Schemas['Body_import_recipients_api_v1_campaigns__campaign_id__imports_post']['encoding']
export type DataItem = Schemas['NoticeDataItem']

/**
 * The title notify gives a campaign when none is sent (CampaignCreate.title's default); the form starts with it.
 * campaigns.test.ts checks it against openapi/notify.json.
 */
export const DEFAULT_TITLE = '個人情報の漏えいのおそれに関するお知らせとお詫び'

export const ENCODINGS: readonly ImportEncoding[] = ['auto', 'utf-8', 'shift_jis']

/** The channels and message states of DeliveryCounts, in the order the table shows them. */
export const CHANNELS = ['email', 'postal', 'public_notice'] as const
export type Channel = (typeof CHANNELS)[number]
export const MESSAGE_STATES = ['queued', 'sending', 'sent', 'delivered', 'bounced', 'failed', 'cancelled'] as const satisfies readonly (keyof ChannelCounts)[]
export type MessageState = (typeof MESSAGE_STATES)[number]

// Records over the API's enums: a status the API adds is a type error here until it has a label.
const STATUS_KEYS: Record<CampaignStatus, MessageKey> = {
  draft: 'campaigns.status.draft',
  sending: 'campaigns.status.sending',
}
const BATCH_KEYS: Record<LetterBatchStatus, MessageKey> = {
  rendering: 'campaigns.letters.status.rendering',
  ready: 'campaigns.letters.status.ready',
  failed: 'campaigns.letters.status.failed',
  posted: 'campaigns.letters.status.posted',
}
const IMPORT_KEYS: Record<RecipientImport['status'], MessageKey> = {
  running: 'campaigns.import.status.running',
  succeeded: 'campaigns.import.status.succeeded',
  failed: 'campaigns.import.status.failed',
}
const ENCODING_KEYS: Record<ImportEncoding, MessageKey> = {
  auto: 'campaigns.import.encoding.auto',
  'utf-8': 'campaigns.import.encoding.utf-8',
  shift_jis: 'campaigns.import.encoding.shift_jis',
}
const CHANNEL_KEYS: Record<Channel, MessageKey> = {
  email: 'campaigns.channel.email',
  postal: 'campaigns.channel.postal',
  public_notice: 'campaigns.channel.public_notice',
}
const STATE_KEYS: Record<MessageState, MessageKey> = {
  queued: 'campaigns.state.queued',
  sending: 'campaigns.state.sending',
  sent: 'campaigns.state.sent',
  delivered: 'campaigns.state.delivered',
  bounced: 'campaigns.state.bounced',
  failed: 'campaigns.state.failed',
  cancelled: 'campaigns.state.cancelled',
}

export const campaignStatusKey = (s: CampaignStatus): MessageKey => STATUS_KEYS[s]
export const batchStatusKey = (s: LetterBatchStatus): MessageKey => BATCH_KEYS[s]
export const importStatusKey = (s: RecipientImport['status']): MessageKey => IMPORT_KEYS[s]
export const encodingKey = (e: ImportEncoding): MessageKey => ENCODING_KEYS[e]
export const channelKey = (c: Channel): MessageKey => CHANNEL_KEYS[c]
export const stateKey = (s: MessageState): MessageKey => STATE_KEYS[s]

/** The wizard's steps: 内容 → 名簿 → 確認 → 送信. */
export const STEPS = ['content', 'recipients', 'confirm', 'send'] as const
export type Step = (typeof STEPS)[number]

/**
 * The step a campaign is at: its content is made (名簿 next) until recipients are imported (確認: check and
 * launch); once launched it is sending (送信), recipients added later included.
 */
export function stepOf(campaign: Pick<Campaign, 'status'>, recipients: number | undefined): Step {
  if (campaign.status === 'sending') return 'send'
  return recipients ? 'confirm' : 'recipients'
}

export function isImportRunning(item: Pick<RecipientImport, 'status'> | undefined | null): boolean {
  return item?.status === 'running'
}

/** The import's progress in whole percent (bytes read of the file's size); null before the size is known. */
export function importPercent(item: Pick<RecipientImport, 'bytes_read' | 'bytes_total'>): number | null {
  if (item.bytes_total <= 0) return null
  return Math.min(100, Math.floor((item.bytes_read * 100) / item.bytes_total))
}

/**
 * Notify still has work to do on its own: e-mails to send, letters to gather into a batch. Everything else
 * waits for people (letters to post, the public notice to publish), so polling stops there.
 */
export function deliveryBusy(d: DeliveryCounts | undefined): boolean {
  if (!d) return false
  return d.email.queued + d.email.sending + d.postal.queued > 0
}

export function channelTotal(c: ChannelCounts): number {
  return MESSAGE_STATES.reduce((sum, s) => sum + c[s], 0)
}

/** How a recipient is reached: the e-mail, else the postal address. */
export function recipientChannel(r: Pick<Recipient, 'email'>): 'email' | 'postal' {
  return r.email ? 'email' : 'postal'
}

/** The labels of a recipient's items, in the catalogue's order (an unknown key as it is). */
export function itemLabels(items: readonly DataItem[], keys: readonly string[]): string[] {
  const wanted = new Set(keys)
  const known = items.filter((i) => wanted.has(i.key))
  const unknown = keys.filter((k) => !items.some((i) => i.key === k))
  return [...known.map((i) => i.label), ...unknown]
}

/** The keys listed more than once (trimmed; empty keys are not counted). */
export function duplicateKeys(items: readonly DataItem[]): Set<string> {
  const seen = new Set<string>()
  const twice = new Set<string>()
  for (const { key } of items) {
    const k = key.trim()
    if (!k) continue
    if (seen.has(k)) twice.add(k)
    seen.add(k)
  }
  return twice
}

export function positiveInt(value: string | null | undefined): number | null {
  const n = Number(value)
  return value && Number.isInteger(n) && n > 0 ? n : null
}
