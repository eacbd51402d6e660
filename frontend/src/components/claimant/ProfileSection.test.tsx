import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { intakeClaimant, principal } from '../../test/fixtures'
import { json, mockApi, problem, signIn } from '../../test/helpers'
import { ProfileSection } from './ProfileSection'
import { renderPart, versioned, whenSignedInUserKnown } from './testing'

const CLAIMANT = 'GET /claims-api/api/v1/claimants/7'
const PATCH = 'PATCH /claims-api/api/v1/claimants/7'

/** claims-api with claimant 7 that applies PATCHes (and changes its ETag each time). */
function profileApi(role: 'staff' | 'viewer', patch?: (body: Record<string, unknown>) => Response | null) {
  let state: Record<string, unknown> = { representative: null }
  let version = 1
  return mockApi({
    'GET /claims-api/api/v1/auth/me': () => json(principal(role)),
    [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎', state), `"v${version}"`),
    [PATCH]: async (request) => {
      const body = (await request.json()) as Record<string, unknown>
      const refused = patch?.(body)
      if (refused) return refused
      state = { ...state, ...body }
      version += 1
      return json(intakeClaimant(7, '堺 三郎', state))
    },
  })
}

/** claims-api with claimant 7 that refuses a PATCH whose If-Match is not the current ETag (412), as claims-api does. */
function guardedApi() {
  let state: Record<string, unknown> = { representative: null }
  let version = 1
  const { requests } = mockApi({
    'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
    [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎', state), `"v${version}"`),
    [PATCH]: async (request) => {
      if (request.headers.get('If-Match') !== `"v${version}"`) return problem(412, 'Precondition Failed', 'the claimant has changed')
      state = { ...state, ...((await request.json()) as Record<string, unknown>) }
      version += 1
      return versioned(intakeClaimant(7, '堺 三郎', state), `"v${version}"`)
    },
  })
  const api = {
    /** someone else's change */
    change(fields: Record<string, unknown>) {
      state = { ...state, ...fields }
      version += 1
    },
    state: () => intakeClaimant(7, '堺 三郎', state),
  }
  return { api, requests }
}

describe('ProfileSection', () => {
  it('shows the profile and what each consent means', async () => {
    signIn()
    profileApi('viewer')
    const { queryClient } = renderPart(<ProfileSection claimantId={7} />)

    expect((await screen.findByText('事務所')).nextElementSibling).toHaveTextContent('堺 三郎社会保険労務士事務所')
    expect(screen.getByText('代表者').nextElementSibling).toHaveTextContent('—')
    expect(screen.getByText('サイバー保険').nextElementSibling).toHaveTextContent('フルプラン（デモ損害保険株式会社）')
    expect(screen.getByText('期日通知への同意').nextElementSibling).toHaveTextContent(
      'あり — 期日の通知とリマインダーをメールで送ります。同意がなければ送りません。',
    )
    expect(screen.getByText('保険会社への情報提供の同意').nextElementSibling).toHaveTextContent(/^なし — 保険会社が連携APIで/)
    await whenSignedInUserKnown(queryClient)
    expect(screen.queryByRole('button')).not.toBeInTheDocument()
  })

  it('names the insurer in parentheses of the UI language', async () => {
    signIn()
    profileApi('viewer')
    renderPart(<ProfileSection claimantId={7} />, 'en')

    expect((await screen.findByText('Cyber insurance')).nextElementSibling).toHaveTextContent(/^Full cover \(デモ損害保険株式会社\)$/)
  })

  it('saves only the changed fields with If-Match, then shows them', async () => {
    signIn()
    const { requests } = profileApi('staff')
    const user = userEvent.setup()
    renderPart(<ProfileSection claimantId={7} />)

    await user.click(await screen.findByRole('button', { name: '基本情報・同意を編集する' }))
    await user.type(screen.getByRole('textbox', { name: /^代表者/ }), '代表社員 堺 三郎')
    const phone = screen.getByRole('textbox', { name: '電話番号' })
    await user.clear(phone)
    await user.click(screen.getByRole('checkbox', { name: '保険会社への情報提供の同意' }))
    expect(screen.getByRole('checkbox', { name: '保険会社への情報提供の同意' })).toHaveAccessibleDescription(/連携APIで/)
    await user.click(screen.getByRole('button', { name: '保存する' }))

    expect(await screen.findByText('基本情報を保存しました。')).toHaveAttribute('role', 'status')
    expect(screen.getByRole('heading', { name: '基本情報' })).toHaveFocus()
    const patch = requests.find((r) => r.method === 'PATCH')!
    expect(patch.headers.get('If-Match')).toBe('"v1"')
    expect(await patch.json()).toEqual({ representative: '代表社員 堺 三郎', phone: null, insurer_sharing_consent: true })
    expect(screen.getByText('代表者').nextElementSibling).toHaveTextContent('代表社員 堺 三郎')
    expect(screen.getByText('保険会社への情報提供の同意').nextElementSibling).toHaveTextContent(/^あり/)
  })

  it('clears the plan when the claimant is no longer insured', async () => {
    signIn()
    const { requests } = profileApi('staff')
    const user = userEvent.setup()
    renderPart(<ProfileSection claimantId={7} />)

    await user.click(await screen.findByRole('button', { name: '基本情報・同意を編集する' }))
    expect(screen.getByRole('combobox', { name: '保険のプラン' })).toHaveValue('full')
    await user.click(screen.getByRole('checkbox', { name: 'サイバー保険に加入している' }))
    expect(screen.queryByRole('combobox', { name: '保険のプラン' })).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: '保存する' }))
    await screen.findByText('基本情報を保存しました。')
    expect(await requests.find((r) => r.method === 'PATCH')!.json()).toEqual({ insured: false, insurance_plan: null })
  })

  it('shows the field and reason of a 422 and keeps what was typed', async () => {
    signIn()
    profileApi('staff', () =>
      problem(422, 'Invalid input', 'registration_no: String should match pattern', {
        errors: [{ field: 'registration_no', reason: "String should match pattern '^\\d{8}$'" }],
      }),
    )
    const user = userEvent.setup()
    renderPart(<ProfileSection claimantId={7} />)

    await user.click(await screen.findByRole('button', { name: '基本情報・同意を編集する' }))
    const reg = screen.getByRole('textbox', { name: '登録番号' })
    await user.clear(reg)
    await user.type(reg, '1234')
    await user.click(screen.getByRole('button', { name: '保存する' }))
    const alert = await screen.findByRole('alert')
    expect(within(alert).getByRole('listitem')).toHaveTextContent('項目: registration_no')
    expect(reg).toHaveAttribute('aria-invalid', 'true')
    expect(reg).toHaveValue('1234')
  })

  it('says so when someone else changed the claimant first (412)', async () => {
    signIn()
    profileApi('staff', () => problem(412, 'Precondition Failed', 'the claimant has changed'))
    const user = userEvent.setup()
    renderPart(<ProfileSection claimantId={7} />)

    await user.click(await screen.findByRole('button', { name: '基本情報・同意を編集する' }))
    await user.type(screen.getByRole('textbox', { name: 'フリガナ' }), 'サカイ サブロウ')
    await user.click(screen.getByRole('button', { name: '保存する' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('他の利用者が先に更新しました。最新の内容を読み込みました。')
  })

  it('sends the If-Match of the claimant the form opened on, however often the page reads it again', async () => {
    signIn()
    const { api, requests } = guardedApi()
    const user = userEvent.setup()
    const { queryClient } = renderPart(<ProfileSection claimantId={7} />)

    await user.click(await screen.findByRole('button', { name: '基本情報・同意を編集する' }))
    await user.type(screen.getByRole('textbox', { name: '住所' }), '1-2-3')
    // another user changes the phone number; a tick elsewhere on the page reads the claimant again
    api.change({ phone: '06-9999-0000' })
    await queryClient.refetchQueries({ queryKey: ['claimant', 7], exact: true })
    const phone = screen.getByRole('textbox', { name: '電話番号' })
    await user.clear(phone)
    await user.type(phone, '06-1111-2222')
    await user.click(screen.getByRole('button', { name: '保存する' }))

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('他の利用者が先に更新しました。最新の内容を読み込みました。')
    expect(alert).toHaveTextContent('ほかの人が変更した項目: 電話番号')
    expect(alert).toHaveTextContent('保存されなかったあなたの入力: 住所、電話番号。')
    expect(requests.filter((r) => r.method === 'PATCH')[0].headers.get('If-Match')).toBe('"v1"')
    // the form shows the claimant as stored now
    expect(phone).toHaveValue('06-9999-0000')
    expect(screen.getByRole('textbox', { name: '住所' })).toHaveValue(api.state().address)

    await user.clear(phone)
    await user.type(phone, '06-1111-2222')
    await user.click(screen.getByRole('button', { name: '保存する' }))
    expect(await screen.findByText('基本情報を保存しました。')).toBeInTheDocument()
    const patches = requests.filter((r) => r.method === 'PATCH')
    expect(patches[1].headers.get('If-Match')).toBe('"v2"')
    expect(await patches[1].json()).toEqual({ phone: '06-1111-2222' })
   }, 20_000)

  it('saves over a newer read that changed nothing in the form (e.g. a checklist tick)', async () => {
    signIn()
    const { api, requests } = guardedApi()
    const user = userEvent.setup()
    const { queryClient } = renderPart(<ProfileSection claimantId={7} />)

    await user.click(await screen.findByRole('button', { name: '基本情報・同意を編集する' }))
    await user.type(screen.getByRole('textbox', { name: 'フリガナ' }), 'サカイ サブロウ')
    api.change({ checklist: [] })
    await queryClient.refetchQueries({ queryKey: ['claimant', 7], exact: true })
    await user.click(screen.getByRole('button', { name: '保存する' }))
    expect(await screen.findByText('基本情報を保存しました。')).toBeInTheDocument()
    expect(requests.filter((r) => r.method === 'PATCH')[0].headers.get('If-Match')).toBe('"v2"')
   }, 20_000)

  it('sends nothing when nothing changed', async () => {
    signIn()
    const { requests } = profileApi('staff')
    const user = userEvent.setup()
    renderPart(<ProfileSection claimantId={7} />)
    await user.click(await screen.findByRole('button', { name: '基本情報・同意を編集する' }))
    await user.click(screen.getByRole('button', { name: '保存する' }))
    expect(screen.getByText('変更された項目はありません。')).toBeInTheDocument()
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(0)
  })
})
