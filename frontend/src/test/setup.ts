import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach, vi } from 'vitest'

// A page's first render loads its lazy chunk and answers a few stubbed requests: on a busy machine (CI runs the
// Python suites beside these) that can take longer than testing-library's 1 s default. Waits end as soon as the
// element is there, so this only lengthens the report of a real failure.
configure({ asyncUtilTimeout: 5_000 })

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  sessionStorage.clear()
  localStorage.clear()
})
