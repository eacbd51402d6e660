// Everything behind the login: the data layer (React Query) and the page frame. Loaded on demand, so the
// first screen (the login page) does not carry it. The shell unmounts when the session ends, so each
// session starts with an empty cache: nothing fetched for one user is shown to the next.
import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { makeQueryClient } from '../queryClient'
import { Layout } from './Layout'

export default function AuthedShell() {
  const [queryClient] = useState(makeQueryClient)
  return (
    <QueryClientProvider client={queryClient}>
      <Layout />
    </QueryClientProvider>
  )
}
