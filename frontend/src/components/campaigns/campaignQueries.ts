// The campaign pages' reads and writes against notify (/notify): campaigns, recipient imports (polled while they
// run) and their history, recipients and their previews, the launch, the delivery counts (polled while notify still
// sends; they also say what a launch would send), letter batches, and the public notice. Each write refetches what
// it changed.
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { notifyApi, unwrap } from '../../api/client'
import { useMe } from '../claimant/claimantQueries'
import {
  deliveryBusy,
  isImportRunning,
  type CampaignCreate,
  type ImportEncoding,
  type LetterBatch,
  type RecipientImport,
} from './campaigns'

/** How often a running import is asked for its progress. */
export const IMPORT_POLL_MS = 500
/** How often the delivery counts (and letter batches) are asked again while notify still has work to do. */
export const DELIVERY_POLL_MS = 3000
export const CAMPAIGN_PAGE_SIZE = 20
export const RECIPIENT_PAGE_SIZE = 50
export const IMPORT_PAGE_SIZE = 10
/** How often the import history is asked again while it lists a running import (one followed: IMPORT_POLL_MS). */
export const IMPORTS_POLL_MS = 3000

export const campaignKeys = {
  /** every case's campaign lists (what a write refreshes) */
  lists: ['campaigns'] as const,
  /** a page of one case's list: keyed by the case, so a switch never shows the old case's campaigns */
  list: (caseId: number, offset: number) => ['campaigns', caseId, { offset, limit: CAMPAIGN_PAGE_SIZE }] as const,
  detail: (id: number) => ['campaign', id] as const,
  import: (id: number, importId: number) => ['campaign', id, 'import', importId] as const,
  imports: (id: number) => ['campaign', id, 'imports'] as const,
  importPage: (id: number, offset: number) => ['campaign', id, 'imports', { offset, limit: IMPORT_PAGE_SIZE }] as const,
  recipients: (id: number) => ['campaign', id, 'recipients'] as const,
  recipientPage: (id: number, offset: number) => ['campaign', id, 'recipients', { offset, limit: RECIPIENT_PAGE_SIZE }] as const,
  preview: (id: number, recipientId: number) => ['campaign', id, 'preview', recipientId] as const,
  delivery: (id: number) => ['campaign', id, 'delivery'] as const,
  letters: (id: number) => ['campaign', id, 'letters'] as const,
}

/**
 * True when the user holds notify:write (staff, lawyer, admin); false for a viewer and while /auth/me is unknown.
 * notify enforces the scope anyway (403); this only keeps write controls away from read-only users.
 */
export function useCanWriteNotify(): { canWrite: boolean; known: boolean } {
  const me = useMe()
  return { canWrite: me.data?.scopes.includes('notify:write') ?? false, known: me.isSuccess }
}

/**
 * The case's campaigns, newest first, a page at a time (notify leaves out those of other cases, and the old ones made
 * with no case). While the next page loads the page before stays, but never a page of another case.
 */
export function useCampaigns(caseId: number, offset: number) {
  return useQuery({
    queryKey: campaignKeys.list(caseId, offset),
    queryFn: async ({ signal }) =>
      unwrap(
        await notifyApi.GET('/api/v1/campaigns', {
          params: { query: { case_id: caseId, limit: CAMPAIGN_PAGE_SIZE, offset } },
          signal,
        }),
      ),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === caseId ? previous : undefined),
    staleTime: 0,
  })
}

export function useCampaign(id: number, enabled = true) {
  return useQuery({
    queryKey: campaignKeys.detail(id),
    queryFn: async ({ signal }) =>
      unwrap(await notifyApi.GET('/api/v1/campaigns/{campaign_id}', { params: { path: { campaign_id: id } }, signal })),
    enabled,
  })
}

export interface CreateCampaign {
  body: CampaignCreate
  /** one key for the form's lifetime: a double click or a retry creates one campaign */
  idempotencyKey: string
}

export function useCreateCampaign() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: CreateCampaign) =>
      unwrap(await notifyApi.POST('/api/v1/campaigns', { body, params: { header: { 'idempotency-key': idempotencyKey } } })),
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignKeys.detail(campaign.id), campaign)
      void queryClient.invalidateQueries({ queryKey: campaignKeys.lists })
    },
  })
}

type ImportBody = { file: string; encoding: ImportEncoding }

/** Uploads a recipient list; notify answers at once (202) and reads the file afterwards. */
export function useStartImport(campaignId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ file, encoding }: { file: File; encoding: ImportEncoding }) => {
      const form = new FormData()
      form.append('file', file, file.name)
      form.append('encoding', encoding)
      return unwrap(
        await notifyApi.POST('/api/v1/campaigns/{campaign_id}/imports', {
          params: { path: { campaign_id: campaignId } },
          // the typed body is the form's fields; what is sent is the multipart form (openapi-fetch passes
          // FormData through and lets the browser set the boundary)
          body: form as unknown as ImportBody,
        }),
      )
    },
    onSuccess: (started) => {
      queryClient.setQueryData(campaignKeys.import(campaignId, started.id), started)
      void queryClient.invalidateQueries({ queryKey: campaignKeys.imports(campaignId) })
    },
  })
}

/**
 * Everything a finished import changes: the recipients, the delivery counts (what a launch would send: the
 * launch panel), and the import history (unless it is the history that saw it finish).
 */
function importFinished(queryClient: QueryClient, campaignId: number, history = true) {
  void queryClient.invalidateQueries({ queryKey: campaignKeys.recipients(campaignId) })
  void queryClient.invalidateQueries({ queryKey: campaignKeys.delivery(campaignId) })
  if (history) void queryClient.invalidateQueries({ queryKey: campaignKeys.imports(campaignId) })
}

/**
 * One import, asked again every IMPORT_POLL_MS while it runs. The import id is in the URL, so leaving the page
 * stops the polling and coming back starts it again. When it finishes, what it changed is refetched.
 */
export function useImport(campaignId: number, importId: number) {
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: campaignKeys.import(campaignId, importId),
    queryFn: async ({ signal }) => {
      const item = unwrap(
        await notifyApi.GET('/api/v1/campaigns/{campaign_id}/imports/{import_id}', {
          params: { path: { campaign_id: campaignId, import_id: importId } },
          signal,
        }),
      )
      const before = queryClient.getQueryData<RecipientImport>(campaignKeys.import(campaignId, importId))
      if (isImportRunning(before) && !isImportRunning(item)) importFinished(queryClient, campaignId)
      return item
    },
    refetchInterval: (query) => (isImportRunning(query.state.data) ? IMPORT_POLL_MS : false),
    staleTime: 0,
  })
}

/**
 * The campaign's uploads, newest first, a page at a time. Asked again every IMPORTS_POLL_MS while one of them is
 * running, so an upload nobody follows (the panel closed, or started elsewhere) still shows its end; when one ends
 * here, the recipients and the delivery counts are refetched (unless the followed import has done that already).
 */
export function useImports(campaignId: number, offset: number) {
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: campaignKeys.importPage(campaignId, offset),
    queryFn: async ({ signal }) => {
      const data = unwrap(
        await notifyApi.GET('/api/v1/campaigns/{campaign_id}/imports', {
          params: { path: { campaign_id: campaignId }, query: { limit: IMPORT_PAGE_SIZE, offset } },
          signal,
        }),
      )
      const before = queryClient.getQueryData<typeof data>(campaignKeys.importPage(campaignId, offset))
      const ended = data.items.some((item) => {
        const followed = queryClient.getQueryData<RecipientImport>(campaignKeys.import(campaignId, item.id))
        const reported = followed !== undefined && !isImportRunning(followed)
        return !isImportRunning(item) && isImportRunning(before?.items.find((b) => b.id === item.id)) && !reported
      })
      if (ended) importFinished(queryClient, campaignId, false)
      return data
    },
    refetchInterval: (query) => (query.state.data?.items.some(isImportRunning) ? IMPORTS_POLL_MS : false),
    placeholderData: keepPreviousData,
    staleTime: 0,
  })
}

export function useRecipients(campaignId: number, offset: number) {
  return useQuery({
    queryKey: campaignKeys.recipientPage(campaignId, offset),
    queryFn: async ({ signal }) =>
      unwrap(
        await notifyApi.GET('/api/v1/campaigns/{campaign_id}/recipients', {
          params: { path: { campaign_id: campaignId }, query: { limit: RECIPIENT_PAGE_SIZE, offset } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  })
}

export function usePreview(campaignId: number, recipientId: number) {
  return useQuery({
    queryKey: campaignKeys.preview(campaignId, recipientId),
    queryFn: async ({ signal }) =>
      unwrap(
        await notifyApi.GET('/api/v1/campaigns/{campaign_id}/recipients/{recipient_id}/preview', {
          params: { path: { campaign_id: campaignId, recipient_id: recipientId } },
          signal,
        }),
      ),
    staleTime: 5 * 60_000,
  })
}

/**
 * Launches (or sends to the recipients added since); one key per confirmation, so a retry launches once. It is done
 * once the delivery counts are fetched again, so the launch panel never offers what was just sent.
 */
export function useLaunch(campaignId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ idempotencyKey }: { idempotencyKey: string }) =>
      unwrap(
        await notifyApi.POST('/api/v1/campaigns/{campaign_id}/launch', {
          params: { path: { campaign_id: campaignId }, header: { 'idempotency-key': idempotencyKey } },
        }),
      ),
    onSuccess: (launched) => {
      queryClient.setQueryData(campaignKeys.detail(campaignId), launched.campaign)
      void queryClient.invalidateQueries({ queryKey: campaignKeys.letters(campaignId) })
      void queryClient.invalidateQueries({ queryKey: campaignKeys.lists })
      return queryClient.invalidateQueries({ queryKey: campaignKeys.delivery(campaignId) })
    },
  })
}

/**
 * Where the notices stand, and who has none yet (what a launch would send, for a draft too); asked again every
 * DELIVERY_POLL_MS while notify still sends or gathers letters.
 */
export function useDelivery(campaignId: number, enabled: boolean) {
  return useQuery({
    queryKey: campaignKeys.delivery(campaignId),
    queryFn: async ({ signal }) =>
      unwrap(
        await notifyApi.GET('/api/v1/campaigns/{campaign_id}/delivery', { params: { path: { campaign_id: campaignId } }, signal }),
      ),
    refetchInterval: (query) => (deliveryBusy(query.state.data) ? DELIVERY_POLL_MS : false),
    enabled,
    staleTime: 0,
  })
}

/** The letter batches; asked again while one is being rendered or letters wait to be gathered (`waiting`). */
export function useLetterBatches(campaignId: number, waiting: boolean) {
  return useQuery({
    queryKey: campaignKeys.letters(campaignId),
    queryFn: async ({ signal }) =>
      unwrap(
        await notifyApi.GET('/api/v1/campaigns/{campaign_id}/letter-batches', { params: { path: { campaign_id: campaignId } }, signal }),
      ),
    refetchInterval: (query) =>
      waiting || (query.state.data ?? []).some((b: LetterBatch) => b.status === 'rendering') ? DELIVERY_POLL_MS : false,
    staleTime: 0,
  })
}

export function useRecordPosted(campaignId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ batchId, postedOn }: { batchId: number; postedOn: string }) =>
      unwrap(
        await notifyApi.POST('/api/v1/campaigns/{campaign_id}/letter-batches/{batch_id}/posted', {
          params: { path: { campaign_id: campaignId, batch_id: batchId } },
          body: { posted_on: postedOn },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: campaignKeys.letters(campaignId) }),
        queryClient.invalidateQueries({ queryKey: campaignKeys.delivery(campaignId) }),
      ]),
  })
}

export function useRecordPublicNotice(campaignId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (body: { published_on: string; where: string }) =>
      unwrap(
        await notifyApi.POST('/api/v1/campaigns/{campaign_id}/public-notice', {
          params: { path: { campaign_id: campaignId } },
          body,
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: campaignKeys.detail(campaignId), exact: true }),
        queryClient.invalidateQueries({ queryKey: campaignKeys.delivery(campaignId) }),
      ]),
  })
}

/** Has docs-render render the 公表文; the answer is the docs-render job to follow and download. */
export function useRenderPublicNotice(campaignId: number) {
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await notifyApi.POST('/api/v1/campaigns/{campaign_id}/public-notice/render', {
          params: { path: { campaign_id: campaignId } },
        }),
      ),
  })
}

