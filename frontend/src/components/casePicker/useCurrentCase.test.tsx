import { QueryClientProvider } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { makeQueryClient } from '../../queryClient'
import { signIn } from '../../test/helpers'
import { useCurrentCase } from '../documents/renderQueries'
import { CASE_STORAGE_KEY, chooseCase } from './chosenCase'
import { casesApi, twoCases } from './testApi'

function renderCurrentCase() {
  const queryClient = makeQueryClient()
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  return renderHook(() => useCurrentCase(), { wrapper })
}

async function currentCaseName(view: ReturnType<typeof renderCurrentCase>) {
  await waitFor(() => expect(view.result.current.isSuccess).toBe(true))
  return view.result.current.data?.name ?? null
}

describe('useCurrentCase', () => {
  it('is the first case when none was chosen', async () => {
    signIn()
    casesApi()
    expect(await currentCaseName(renderCurrentCase())).toBe('シャローム不正アクセス事件')
  })

  it('is the case the browser remembers', async () => {
    signIn()
    casesApi()
    localStorage.setItem(CASE_STORAGE_KEY, '2')
    expect(await currentCaseName(renderCurrentCase())).toBe('クラウド会計情報漏えい事件')
  })

  it('falls back to the first case when the remembered one is gone (or the value is not an id)', async () => {
    signIn()
    casesApi()
    localStorage.setItem(CASE_STORAGE_KEY, '9')
    expect(await currentCaseName(renderCurrentCase())).toBe('シャローム不正アクセス事件')
    sessionStorage.clear()
    localStorage.setItem(CASE_STORAGE_KEY, 'zwei')
    expect(await currentCaseName(renderCurrentCase())).toBe('シャローム不正アクセス事件')
  })

  it('is null when no case has been set up', async () => {
    signIn()
    casesApi({ cases: [] })
    localStorage.setItem(CASE_STORAGE_KEY, '2')
    const view = renderCurrentCase()
    await waitFor(() => expect(view.result.current.isSuccess).toBe(true))
    expect(view.result.current.data).toBeNull()
  })

  it('follows a choice at once, and remembers it for the next tab', async () => {
    signIn()
    casesApi()
    const view = renderCurrentCase()
    expect(await currentCaseName(view)).toBe('シャローム不正アクセス事件')
    act(() => chooseCase(2))
    expect(view.result.current.data?.id).toBe(2)
    expect(localStorage.getItem(CASE_STORAGE_KEY)).toBe('2')
  })

  it('keeps the tab’s case when another tab chooses another', async () => {
    signIn()
    casesApi({ cases: twoCases() })
    const view = renderCurrentCase()
    expect(await currentCaseName(view)).toBe('シャローム不正アクセス事件')
    // another tab writes the browser's choice; this tab's screens stay where they are
    localStorage.setItem(CASE_STORAGE_KEY, '2')
    view.rerender()
    expect(view.result.current.data?.id).toBe(1)
  })
})
