// One way for the claimant page's editors to write: If-Match with the ETag of the claimant as shown (or, for a
// form, of the version it opened on), a refetch of the page's data afterwards, and a 412 (someone else changed the
// claimant first) turned into a refetch and a plain notice instead of an error. And the form's side of it: the
// version a form opened on, kept until the form's own save or a 412 replaces it.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiError, isStale } from '../../api/client'
import { claimantKeys, refreshClaimant, type VersionedClaimant } from './claimantQueries'

export type WriteHeaders = Record<string, string>

/** True when the API's problem names `field` among its field errors (to mark that input invalid). */
export function fieldError(error: unknown, field: string): boolean {
  return error instanceof ApiError && Array.isArray(error.problem.errors) && error.problem.errors.some((e) => e.field === field)
}

/**
 * `write(vars, headers)` calls the API with `headers` (If-Match, when the claimant's ETag is known) and
 * returns the unwrapped answer. The mutation stays pending until the page's data has been refetched, so
 * `isSuccess` means the page already shows the change, and a second write carries the new ETag.
 *
 * The ETag is the claimant's as last read — right for a one-click write of what the user sees now (a tick, a stage).
 * A form that the user fills in over time passes `openedEtag`: the ETag of the version its values came from, so that
 * someone else's change since then is a 412 rather than overwritten unseen.
 */
export function useClaimantWrite<V, D>(
  claimantId: number,
  write: (vars: V, headers: WriteHeaders) => Promise<D>,
  openedEtag?: () => string | null,
) {
  const queryClient = useQueryClient()
  return useMutation<D, unknown, V>({
    mutationFn: (vars) => {
      const etag = openedEtag ? openedEtag() : queryClient.getQueryData<VersionedClaimant>(claimantKeys.detail(claimantId))?.etag
      return write(vars, etag ? { 'If-Match': etag } : {})
    },
    onSuccess: () => refreshClaimant(queryClient, claimantId),
    onError: async (error) => {
      if (isStale(error)) await refreshClaimant(queryClient, claimantId)
    },
  })
}

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; the fallback does not). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto
  if (typeof c?.randomUUID === 'function') return c.randomUUID()
  const bytes = c.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** A record as a form shows it: its values, with the ETag of the read they came from. */
export interface Version<V> {
  values: V
  etag: string | null
}

/** After a 412: the fields someone else had changed, and those the user had typed that were not saved. */
export interface Overwritten<K> {
  theirs: K[]
  yours: K[]
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** The fields whose values differ between `a` and `b`, in `b`'s order. */
export function changedFields<V extends object>(a: V, b: V): (keyof V)[] {
  return (Object.keys(b) as (keyof V)[]).filter((k) => !same(a[k], b[k]))
}

/**
 * The draft of a form and the version it opened on, whose ETag the save sends in If-Match, so that a save never
 * overwrites a change the user has not seen. The draft is not replaced when the record is read again: only by
 * `saved` (the form's own save succeeded) or `reloaded` (after a 412, with the version read then; `overwritten`
 * then says which fields someone else changed and which of the user's entries were not saved — unless someone else
 * changed none of the form's fields: then the draft stays, to be saved again).
 *
 * A newer read whose values are those the form opened on (only something the form does not edit changed, e.g. a
 * proceeding's member count) becomes the opened version: saving over it loses nobody's change.
 */
export function useOpenedVersion<V extends object>(latest: Version<V>) {
  const [state, setState] = useState<{ opened: Version<V>; draft: V; overwritten: Overwritten<keyof V> | null }>(() => ({
    opened: latest,
    draft: latest.values,
    overwritten: null,
  }))
  const { opened } = state
  if (latest.etag !== opened.etag && changedFields(opened.values, latest.values).length === 0) setState((s) => ({ ...s, opened: latest }))

  return {
    draft: state.draft,
    setDraft: (update: (draft: V) => V) => setState((s) => ({ ...s, draft: update(s.draft) })),
    /** the values of the version the draft started from */
    openedValues: opened.values,
    /** the If-Match of the save */
    etag: opened.etag,
    overwritten: state.overwritten,
    saved: (version: Version<V>) => setState({ opened: version, draft: version.values, overwritten: null }),
    reloaded: (version: Version<V>) =>
      setState(({ opened, draft }) => {
        const theirs = changedFields(opened.values, version.values)
        // nothing the form edits was changed (only, say, the exhibit's file): what was typed can be saved as it is
        if (theirs.length === 0) return { opened: version, draft, overwritten: { theirs, yours: [] } }
        const yours = changedFields(opened.values, draft).filter((k) => !same(draft[k], version.values[k]))
        return { opened: version, draft: version.values, overwritten: { theirs, yours } }
      }),
  }
}
