// The filings docs-render makes, and what each one needs: a claimant, a proceeding (of which kind) or either,
// and the formats it comes in. The API refuses a request that breaks these rules (422) or a document or format
// it cannot make yet (422 "not available yet"); the form follows them so that the user is not sent there.
import type { components as ClaimsSchemas } from '../../api/claims-api'
import type { components } from '../../api/docs-render'
import type { MessageKey } from '../../i18n/messages'

type Schemas = components['schemas']
export type RenderRead = Schemas['RenderRead']
export type RenderCreate = Schemas['RenderCreate']
export type DocumentKind = RenderCreate['document']
export type FileFormat = RenderCreate['format']
export type RenderStatus = RenderRead['status']
export type Proceeding = ClaimsSchemas['schemas']['ProceedingRead']
export type ProceedingKind = Proceeding['kind']

/** Whom a document is about: one claimant, one proceeding, or either of them (the evidence list). */
export type Target = 'claimant' | 'proceeding' | 'either'

export interface DocumentRule {
  target: Target
  /** a claimant's document that may also name a proceeding (the damage schedule as filed in it) */
  optionalProceeding?: boolean
  /** the kinds of proceeding it is made for; every kind when absent */
  proceedingKinds?: readonly ProceedingKind[]
  /** the formats it comes in, the default first */
  formats: readonly FileFormat[]
  /** made for notify's breach-notice campaigns from their content, not from this form (the history lists it) */
  notifyOnly?: boolean
  /** it holds the complaint (of a lawsuit), whose 請求の趣旨 comes per plaintiff or by the 別紙請求一覧 (table form) */
  holdsComplaint?: boolean
}

export type ComplaintForm = NonNullable<RenderCreate['complaint_form']>
export const COMPLAINT_FORMS: readonly ComplaintForm[] = ['paragraphs', 'table']

const PDF_DOCX: readonly FileFormat[] = ['pdf', 'docx']

// In the order the form offers them. The Record makes a new document in the API a type error here.
const RULES: Record<DocumentKind, DocumentRule> = {
  'complaint-bundle': { target: 'proceeding', formats: ['pdf'], holdsComplaint: true },
  complaint: { target: 'proceeding', proceedingKinds: ['lawsuit'], formats: PDF_DOCX, holdsComplaint: true },
  'claim-table': { target: 'proceeding', formats: PDF_DOCX },
  'party-list': { target: 'proceeding', formats: PDF_DOCX },
  'damage-schedule': { target: 'claimant', optionalProceeding: true, formats: PDF_DOCX },
  'evidence-list': { target: 'either', formats: PDF_DOCX },
  'engagement-contract': { target: 'claimant', formats: PDF_DOCX },
  'power-of-attorney': { target: 'claimant', formats: PDF_DOCX },
  'mediation-petition': { target: 'proceeding', proceedingKinds: ['mediation'], formats: PDF_DOCX },
  'mints-package': { target: 'proceeding', proceedingKinds: ['lawsuit'], formats: ['zip'], holdsComplaint: true },
  'breach-notice-letter': { target: 'either', formats: PDF_DOCX, notifyOnly: true },
  'public-notice': { target: 'either', formats: PDF_DOCX, notifyOnly: true },
}

/** The documents the form offers. */
export const DOCUMENTS = (Object.keys(RULES) as DocumentKind[]).filter((d) => !RULES[d].notifyOnly)

export function ruleOf(document: DocumentKind): DocumentRule {
  return RULES[document]
}

/** True when the document can be made for a proceeding of this kind. */
export function allowsProceeding(document: DocumentKind, kind: ProceedingKind): boolean {
  const kinds = RULES[document].proceedingKinds
  return !kinds || kinds.includes(kind)
}

// Template literal keys: a document, status or format without a label in messages.ts is a type error here.
export const documentLabelKey = (document: DocumentKind): MessageKey => `documents.kind.${document}`
export const statusLabelKey = (status: RenderStatus): MessageKey => `documents.status.${status}`
export const formatLabelKey = (format: FileFormat): MessageKey => `documents.format.${format}`
export const proceedingKindKey = (kind: ProceedingKind): MessageKey => `documents.proceedingKind.${kind}`

/** Still to be rendered: its status is worth polling. */
export function isActive(job: Pick<RenderRead, 'status'> | undefined | null): boolean {
  return job?.status === 'queued' || job?.status === 'running'
}

/** A file size in whole kilobytes (at least 1), with thousands separators: 1,234. */
export function kilobytes(size: number): string {
  return Math.max(1, Math.round(size / 1024)).toLocaleString('ja-JP')
}

/** The first 12 hex digits of a SHA-256, enough to compare a file with the one the history lists. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12)
}
