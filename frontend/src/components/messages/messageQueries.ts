// The claimant page's 連絡・通知: the e-mails notify made for the claimant (newest first), one with its text, the
// claimant's reminder opt-out and its intake reminders, with the writes staff make to them (notify:write).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, notifyApi, unwrap } from '../../api/client'
import type { components } from '../../api/notify'
import { useMe } from '../claimant/claimantQueries'

type Schemas = components['schemas']
export type Message = Schemas['MessageRead']
export type MessageDetail = Schemas['MessageDetail']
export type OptOut = Schemas['OptOutRead']
export type IntakeReminders = Schemas['IntakeReminderRead']

export const MESSAGE_PAGE_SIZE = 20

export const messageKeys = {
  claimant: (claimantId: number) => ['messages', { claimant_id: claimantId }] as const,
  claimantPage: (claimantId: number, page: number) => ['messages', { claimant_id: claimantId }, { page, size: MESSAGE_PAGE_SIZE }] as const,
  one: (id: number) => ['message', id] as const,
  optOut: (claimantId: number) => ['opt-out', claimantId] as const,
  intake: (claimantId: number) => ['intake-reminders', claimantId] as const,
}

export interface NewestFirstPage {
  items: Message[]
  total: number
}

/** Page `page` (0: the newest) of the claimant's messages, newest first. */
async function newestFirst(claimantId: number, page: number, signal: AbortSignal): Promise<NewestFirstPage> {
  const query = { claimant_id: claimantId, newest_first: true, limit: MESSAGE_PAGE_SIZE, offset: page * MESSAGE_PAGE_SIZE }
  const { items, total } = unwrap(await notifyApi.GET('/api/v1/messages', { params: { query }, signal }))
  return { items, total }
}

export function useClaimantMessages(claimantId: number, page: number) {
  return useQuery({
    queryKey: messageKeys.claimantPage(claimantId, page),
    queryFn: ({ signal }) => newestFirst(claimantId, page, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  })
}

export function useMessage(id: number) {
  return useQuery({
    queryKey: messageKeys.one(id),
    queryFn: async ({ signal }) => unwrap(await notifyApi.GET('/api/v1/messages/{message_id}', { params: { path: { message_id: id } }, signal })),
  })
}

export function useOptOut(claimantId: number) {
  return useQuery({
    queryKey: messageKeys.optOut(claimantId),
    queryFn: async ({ signal }) =>
      unwrap(await notifyApi.GET('/api/v1/claimants/{claimant_id}/opt-out', { params: { path: { claimant_id: claimantId } }, signal })),
  })
}

/** Stops (PUT) or resumes (DELETE) the claimant's reminders; stopping cancels the queued ones, so the list is read again. */
export function useSetOptOut(claimantId: number) {
  const queryClient = useQueryClient()
  const path = { path: { claimant_id: claimantId } }
  return useMutation({
    mutationFn: async (optOut: boolean): Promise<void> => {
      if (optOut) unwrap(await notifyApi.PUT('/api/v1/claimants/{claimant_id}/opt-out', { params: path }))
      else unwrap(await notifyApi.DELETE('/api/v1/claimants/{claimant_id}/opt-out', { params: path }))
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: messageKeys.optOut(claimantId) }),
        queryClient.invalidateQueries({ queryKey: messageKeys.claimant(claimantId) }),
      ]),
  })
}

/**
 * The claimant's intake reminders; null while notify has not seen the claimant yet (its 404: no schedule yet,
 * not an error — notify's round reads the open checklists every few minutes).
 */
export function useIntakeReminders(claimantId: number) {
  return useQuery({
    queryKey: messageKeys.intake(claimantId),
    queryFn: async ({ signal }): Promise<IntakeReminders | null> => {
      try {
        return unwrap(
          await notifyApi.GET('/api/v1/claimants/{claimant_id}/intake-reminders', { params: { path: { claimant_id: claimantId } }, signal }),
        )
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null
        throw error
      }
    },
  })
}

/** Stops or resumes the intake reminders; the answer is the new state (stopping cancels the queued reminder). */
export function useStopIntake(claimantId: number) {
  const queryClient = useQueryClient()
  const path = { path: { claimant_id: claimantId } }
  return useMutation({
    mutationFn: async (stop: boolean) =>
      stop
        ? unwrap(await notifyApi.POST('/api/v1/claimants/{claimant_id}/intake-reminders/stop', { params: path }))
        : unwrap(await notifyApi.POST('/api/v1/claimants/{claimant_id}/intake-reminders/resume', { params: path })),
    onSuccess: (state) => queryClient.setQueryData(messageKeys.intake(claimantId), state),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: messageKeys.intake(claimantId) }),
        queryClient.invalidateQueries({ queryKey: messageKeys.claimant(claimantId) }),
      ]),
  })
}

/**
 * True when the user holds notify:write (staff, lawyer, admin); false for a viewer and while /auth/me is unknown.
 * notify enforces the scope anyway (403); this only keeps the controls from read-only users.
 */
export function useCanWriteNotify(): boolean {
  return useMe().data?.scopes.includes('notify:write') ?? false
}
