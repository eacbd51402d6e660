// The hearings page's reads and writes: the hearings (claims-api), one hearing with its ETag, the e-mails notify
// made for a hearing (all of them, polled while they change), and the reminder rules (notify).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { claimsApi, notifyApi, unwrap } from '../../api/client'
import { useMe } from '../claimant/claimantQueries'
import { isSettling, type Hearing, type HearingCreate, type Message, type ReminderRuleWrite, type RuleKind } from './hearings'

/** How often a hearing's messages are asked for again while they change or are awaited. */
export const SCHEDULE_POLL_MS = 2_500
/** How long the schedule waits for notify to make a hearing's messages before it says so. */
export const WAIT_FOR_NOTIFY_MS = 30_000
/** notify's largest page of messages. */
const MESSAGE_PAGE = 500
/** A hearing of the whole lawsuit has a few messages per claimant; more pages than this is a runaway. */
const MAX_PAGES = 40

export const hearingKeys = {
  list: ['hearings'] as const,
  one: (id: number) => ['hearing', id] as const,
  messages: (hearingId: number) => ['messages', { hearing_id: hearingId }] as const,
  rules: ['reminder-rules'] as const,
}

/** Every hearing claims-api holds, by start time (the page keeps those of the current case's proceedings). */
export function useHearings() {
  return useQuery({
    queryKey: hearingKeys.list,
    queryFn: async ({ signal }) => unwrap(await claimsApi.GET('/api/v1/hearings', { signal })),
  })
}

export interface VersionedHearing {
  hearing: Hearing
  etag: string | null
}

/** One hearing with the ETag to send back in If-Match when it is cancelled. */
export function useHearing(id: number) {
  return useQuery({
    queryKey: hearingKeys.one(id),
    queryFn: async ({ signal }): Promise<VersionedHearing> => {
      const result = await claimsApi.GET('/api/v1/hearings/{hearing_id}', { params: { path: { hearing_id: id } }, signal })
      return { hearing: unwrap(result), etag: result.response.headers.get('ETag') }
    },
    staleTime: 0,
  })
}

export interface CreateHearing {
  body: HearingCreate
  /** the same key for the same request (a double click, a retry), a new one for the next */
  idempotencyKey: string
}

export function useCreateHearing() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: CreateHearing) =>
      unwrap(await claimsApi.POST('/api/v1/hearings', { body, params: { header: { 'idempotency-key': idempotencyKey } } })),
    onSuccess: async (hearing) => {
      queryClient.setQueryData<Hearing[]>(hearingKeys.list, (list) =>
        list && !list.some((h) => h.id === hearing.id) ? [...list, hearing].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at)) : list,
      )
      await queryClient.invalidateQueries({ queryKey: hearingKeys.list })
    },
  })
}

/** Cancels a hearing with the ETag as shown; a 412 (changed meanwhile) refetches it. */
export function useCancelHearing() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, etag }: { id: number; etag: string | null }) =>
      unwrap(
        await claimsApi.POST('/api/v1/hearings/{hearing_id}/cancel', {
          params: { path: { hearing_id: id }, header: etag ? { 'if-match': etag } : {} },
        }),
      ),
    onSettled: async (_data, _error, { id }) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: hearingKeys.one(id) }),
        queryClient.invalidateQueries({ queryKey: hearingKeys.list }),
        queryClient.invalidateQueries({ queryKey: hearingKeys.messages(id) }),
      ])
    },
  })
}

/** Every message of a hearing, page after page (notify answers at most 500 at a time), in due order. */
async function allMessages(hearingId: number, signal: AbortSignal): Promise<Message[]> {
  const items: Message[] = []
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = unwrap(
      await notifyApi.GET('/api/v1/messages', {
        params: { query: { hearing_id: hearingId, limit: MESSAGE_PAGE, offset: items.length } },
        signal,
      }),
    )
    items.push(...answer.items)
    if (answer.items.length === 0 || items.length >= answer.total) break
  }
  return items
}

/**
 * The messages of a hearing. Asked again every SCHEDULE_POLL_MS while one is being sent or is due, and while
 * more than `awaitMoreThan` messages are awaited (notify has not made them yet, right after the hearing was set
 * or cancelled); null awaits none.
 */
export function useHearingMessages(hearingId: number, awaitMoreThan: number | null) {
  return useQuery({
    queryKey: hearingKeys.messages(hearingId),
    queryFn: ({ signal }) => allMessages(hearingId, signal),
    refetchInterval: (query) => {
      const data = query.state.data ?? []
      const awaited = awaitMoreThan !== null && data.length <= awaitMoreThan
      return awaited || isSettling(data) ? SCHEDULE_POLL_MS : false
    },
    staleTime: 0,
  })
}

export function useReminderRules() {
  return useQuery({
    queryKey: hearingKeys.rules,
    queryFn: async ({ signal }) => unwrap(await notifyApi.GET('/api/v1/reminder-rules', { signal })),
  })
}

export function useSetRule() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ kind, body }: { kind: RuleKind; body: ReminderRuleWrite }) =>
      unwrap(await notifyApi.PUT('/api/v1/reminder-rules/{hearing_kind}', { params: { path: { hearing_kind: kind } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: hearingKeys.rules }),
  })
}

export function useResetRule() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ kind }: { kind: RuleKind }) => {
      unwrap(await notifyApi.DELETE('/api/v1/reminder-rules/{hearing_kind}', { params: { path: { hearing_kind: kind } } }))
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: hearingKeys.rules }),
  })
}

/**
 * Whether the signed-in user holds `scope` (hearings:write for hearings, notify:write for the rules); `known`
 * once /auth/me has answered. The services enforce the scopes anyway (403); this keeps controls from viewers.
 */
export function useScope(scope: string): { allowed: boolean; known: boolean } {
  const me = useMe()
  return { allowed: me.data?.scopes.includes(scope) ?? false, known: me.isSuccess }
}
