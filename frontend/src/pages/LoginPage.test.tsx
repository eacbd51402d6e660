import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { getToken } from '../auth/session'
import { caseRecord, claimant, page } from '../test/fixtures'
import { json, me, mockApi, problem, renderApp } from '../test/helpers'

const WRONG = 'メールアドレスまたはパスワードが正しくありません'

describe('LoginPage', () => {
  it('shows the API error detail when the password is wrong, and stays signed out', async () => {
    const { requests } = mockApi({
      'POST /claims-api/api/v1/auth/token': () =>
        problem(400, 'Token request refused', WRONG, { error: 'invalid_grant' }),
    })
    renderApp('/login')
    const user = userEvent.setup()
    await user.type(screen.getByLabelText('メールアドレス'), 'admin@example.com')
    await user.type(screen.getByLabelText('パスワード'), 'wrong-password')
    await user.click(screen.getByRole('button', { name: 'ログイン' }))

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(WRONG)
    expect(getToken()).toBeNull()

    // sent as an OAuth2 password grant, form-encoded
    const sent = requests[0]
    expect(sent.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded')
    const form = new URLSearchParams(await sent.text())
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'password',
      username: 'admin@example.com',
      password: 'wrong-password',
    })
  })

  it('shows field errors of a 422 problem', async () => {
    mockApi({
      'POST /claims-api/api/v1/auth/token': () =>
        problem(422, 'Invalid input', 'grant_type: Field required', {
          errors: [{ field: 'grant_type', reason: 'Field required' }],
        }),
    })
    renderApp('/login')
    const user = userEvent.setup()
    await user.type(screen.getByLabelText('メールアドレス'), 'a@example.com')
    await user.type(screen.getByLabelText('パスワード'), 'x')
    await user.click(screen.getByRole('button', { name: 'ログイン' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('grant_type')
    expect(alert).toHaveTextContent('Field required')
  })

  it('says so when the server cannot be reached', async () => {
    mockApi({
      'POST /claims-api/api/v1/auth/token': () => {
        throw new TypeError('fetch failed')
      },
    })
    renderApp('/login')
    const user = userEvent.setup()
    await user.type(screen.getByLabelText('メールアドレス'), 'a@example.com')
    await user.type(screen.getByLabelText('パスワード'), 'x')
    await user.click(screen.getByRole('button', { name: 'ログイン' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('サーバーに接続できません')
  })

  it('stores the token and goes to the page asked for', async () => {
    const { requests } = mockApi({
      'POST /claims-api/api/v1/auth/token': () =>
        json({ access_token: 'abc.def.ghi', token_type: 'bearer', expires_in: 3600, scope: 'claims:read' }),
      'GET /claims-api/api/v1/auth/me': me,
      'GET /claims-api/api/v1/cases': () => json([caseRecord()]),
      'GET /claims-api/api/v1/cases/1/proceedings': () => json([]),
      'GET /claims-api/api/v1/claimants': () => json(page([claimant(1, '大阪 一郎')], 1)),
    })
    const { router } = renderApp('/claimants')
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'))
    expect(router.state.location.search).toBe('?next=%2Fclaimants')

    const user = userEvent.setup()
    await user.type(screen.getByLabelText('メールアドレス'), 'admin@example.com')
    await user.type(screen.getByLabelText('パスワード'), 'right-password')
    await user.click(screen.getByRole('button', { name: 'ログイン' }))

    expect(await screen.findByRole('link', { name: '大阪 一郎' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/claimants')
    expect(getToken()).toBe('abc.def.ghi')
    expect(sessionStorage.getItem('bengodan.session')).toContain('abc.def.ghi')
    const list = requests.find((r) => r.url.includes('/api/v1/claimants'))
    expect(list?.headers.get('Authorization')).toBe('Bearer abc.def.ghi')
    expect(await screen.findByText('ログイン中: 弁護士 山田')).toBeInTheDocument()
  })

  it('is in English when English is chosen', () => {
    renderApp('/login', 'en')
    expect(screen.getByLabelText('Email address')).toBeInTheDocument()
    expect(screen.getByLabelText('Password')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Log in' })).toBeInTheDocument()
  })
})
