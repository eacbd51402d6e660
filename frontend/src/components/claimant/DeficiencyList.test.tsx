import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { deficiency, intakeClaimant, principal } from '../../test/fixtures'
import { json, mockApi, problem, signIn } from '../../test/helpers'
import { DeficiencyList } from './DeficiencyList'
import { renderPart, versioned, whenSignedInUserKnown } from './testing'

const CLAIMANT = 'GET /claims-api/api/v1/claimants/7'
const ADD = 'POST /claims-api/api/v1/claimants/7/deficiencies'
const first = deficiency(1, 7, '人件費の計算式に時給の根拠がない', '2027-01-29')

describe('DeficiencyList', () => {
  it('adds a deficiency with its reason and cure deadline, and lists it', async () => {
    signIn()
    let open = [first]
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎', { deficiencies: open }), `"v${open.length}"`),
      [ADD]: async (request) => {
        const body = (await request.json()) as { reason: string; cure_by: string }
        const note = deficiency(2, 7, body.reason, body.cure_by)
        open = [...open, note]
        return json(note, 201)
      },
    })
    const user = userEvent.setup()
    renderPart(<DeficiencyList claimantId={7} />)

    await user.type(await screen.findByRole('textbox', { name: '不備の内容' }), '委任状の押印が不鮮明')
    await user.type(screen.getByLabelText('補正期限'), '2027-02-15')
    await user.click(screen.getByRole('button', { name: '不備を登録する' }))

    expect(await screen.findByText('不備を登録しました（補正期限 2027年2月15日）。')).toHaveAttribute('role', 'status')
    const list = screen.getByRole('list', { name: '未解決の不備' })
    expect(within(list).getAllByRole('listitem').map((li) => li.querySelector('.reason')?.textContent)).toEqual([
      '人件費の計算式に時給の根拠がない（補正期限 2027年1月29日）',
      '委任状の押印が不鮮明（補正期限 2027年2月15日）',
    ])
    const post = requests.find((r) => r.method === 'POST')!
    expect(await post.json()).toEqual({ reason: '委任状の押印が不鮮明', cure_by: '2027-02-15' })
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{32,36}$/)
    // the form is emptied for the next note
    expect(screen.getByRole('textbox', { name: '不備の内容' })).toHaveValue('')
  })

  it('resolves a deficiency: posts to its resolve endpoint and takes it off the list', async () => {
    signIn()
    let open = [first, deficiency(2, 7, '原本の写しが不鮮明', '2027-02-01')]
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎', { deficiencies: open }), `"v${open.length}"`),
      'POST /claims-api/api/v1/claimants/7/deficiencies/1/resolve': () => {
        open = open.filter((d) => d.id !== 1)
        return json({ ...first, resolved_at: '2026-11-25T02:00:00Z', resolved_by: 'user:staff' })
      },
    })
    const user = userEvent.setup()
    renderPart(<DeficiencyList claimantId={7} />)

    await user.click(await screen.findByRole('button', { name: '解決済みにする（人件費の計算式に時給の根拠がない）' }))

    expect(await screen.findByText('不備「人件費の計算式に時給の根拠がない」を解決済みにしました。')).toBeInTheDocument()
    expect(screen.queryByText(/人件費の計算式に時給の根拠がない（補正期限/)).not.toBeInTheDocument()
    expect(screen.getByText('原本の写しが不鮮明（補正期限 2027年2月1日）')).toBeInTheDocument()
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    // the button went away with the note; the keyboard stays in this part of the page
    expect(screen.getByRole('heading', { name: '未解決の不備' })).toHaveFocus()
  })

  it('shows the field and reason of a 422, and marks the field', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      [ADD]: () =>
        problem(422, 'Invalid input', 'cure_by: must not be in the past', {
          type: 'validation-error',
          errors: [{ field: 'cure_by', reason: 'must not be in the past' }],
        }),
    })
    const user = userEvent.setup()
    renderPart(<DeficiencyList claimantId={7} />)

    await user.type(await screen.findByRole('textbox', { name: '不備の内容' }), '保険証券の写しがない')
    await user.type(screen.getByLabelText('補正期限'), '2027-03-01')
    await user.click(screen.getByRole('button', { name: '不備を登録する' }))

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Invalid input')
    expect(alert).toHaveTextContent('cure_by: must not be in the past')
    expect(within(alert).getByRole('listitem')).toHaveTextContent('項目: cure_by — must not be in the past')
    expect(screen.getByLabelText('補正期限')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByRole('textbox', { name: '不備の内容' })).not.toHaveAttribute('aria-invalid')
    // what was typed stays, to correct it
    expect(screen.getByRole('textbox', { name: '不備の内容' })).toHaveValue('保険証券の写しがない')
  })

  it('sends the same Idempotency-Key again when the same note is retried after a network failure', async () => {
    signIn()
    let calls = 0
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      [ADD]: async (request) => {
        calls += 1
        if (calls === 1) throw new TypeError('Failed to fetch')
        const body = (await request.json()) as { reason: string; cure_by: string }
        return json(deficiency(2, 7, body.reason, body.cure_by), 201)
      },
    })
    const user = userEvent.setup()
    renderPart(<DeficiencyList claimantId={7} />)

    await user.type(await screen.findByRole('textbox', { name: '不備の内容' }), '委任状の日付がない')
    await user.type(screen.getByLabelText('補正期限'), '2027-02-15')
    await user.click(screen.getByRole('button', { name: '不備を登録する' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('サーバーに接続できません')
    await user.click(screen.getByRole('button', { name: '不備を登録する' }))
    await screen.findByText('不備を登録しました（補正期限 2027年2月15日）。')

    const keys = requests.filter((r) => r.method === 'POST').map((r) => r.headers.get('Idempotency-Key'))
    expect(keys).toHaveLength(2)
    expect(keys[0]).toBeTruthy()
    expect(keys[1]).toBe(keys[0])
  })

  it('shows a viewer the open deficiencies without buttons or form', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('viewer')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎', { deficiencies: [first] }), '"v1"'),
    })
    const { queryClient } = renderPart(<DeficiencyList claimantId={7} />)

    expect(await screen.findByText('人件費の計算式に時給の根拠がない（補正期限 2027年1月29日）')).toBeInTheDocument()
    await whenSignedInUserKnown(queryClient)
    expect(screen.queryByRole('button')).not.toBeInTheDocument()
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument()
    expect(screen.queryByLabelText('補正期限')).not.toBeInTheDocument()
  })

  it('says when there is no open deficiency', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('viewer')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎', { deficiencies: [] }), '"v1"'),
    })
    renderPart(<DeficiencyList claimantId={7} />)
    expect(await screen.findByText('未解決の不備はありません')).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByRole('list')).not.toBeInTheDocument())
  })

  it('sends one note when the button is pressed again while it is saved', async () => {
    signIn()
    let release: () => void = () => {}
    const answered = new Promise<void>((resolve) => (release = resolve))
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      [ADD]: async () => {
        await answered
        return json(deficiency(2, 7, '委任状の日付がない', '2027-02-15'), 201)
      },
    })
    const user = userEvent.setup()
    renderPart(<DeficiencyList claimantId={7} />)

    await user.type(await screen.findByRole('textbox', { name: '不備の内容' }), '委任状の日付がない')
    await user.type(screen.getByLabelText('補正期限'), '2027-02-15')
    const submit = screen.getByRole('button', { name: '不備を登録する' })
    await user.click(submit)
    expect(await screen.findAllByText('保存しています…')).not.toHaveLength(0)
    expect(submit).toHaveAttribute('aria-disabled', 'true')
    expect(submit).toHaveFocus()
    await user.click(submit)
    release()
    await screen.findByText('不備を登録しました（補正期限 2027年2月15日）。')
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1)
  })
})
