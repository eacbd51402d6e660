import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { todayInTokyo } from '../components/claimant/claimantQueries'
import { campaignApi } from '../components/campaigns/testApi'
import { problem, renderApp, signIn } from '../test/helpers'

type User = ReturnType<typeof userEvent.setup>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

async function fill(user: User, label: string | RegExp, text: string) {
  const input = screen.getByLabelText(label)
  await user.clear(input)
  await user.click(input)
  await user.paste(text)
}

async function fillForm(user: User) {
  await fill(user, /^名称/, '堺社会保険労務士事務所')
  await fill(user, /^郵便番号/, '5900001')
  await fill(user, /^住所/, '大阪府堺市堺区一丁1番1号')
  await fill(user, /^概要/, '委託先のクラウドサービスが不正アクセスを受けました。')
  await fill(user, '項目1のキー', 'name')
  await fill(user, '項目1の表示名', '氏名')
  await user.click(screen.getByRole('button', { name: '項目を追加' }))
  // the new row's key has the focus
  expect(screen.getByLabelText('項目2のキー')).toHaveFocus()
  await user.paste('mynumber')
  await fill(user, '項目2の表示名', '個人番号')
  await fill(user, /^原因/, '委託先の認証情報が窃取されたためです。')
  await fill(user, /^二次被害又はそのおそれの有無及びその内容/, '現時点で二次被害は確認されていません。')
  await fill(user, /^窓口の名称/, '個人情報お問い合わせ窓口')
  await fill(user, /^電話番号/, '072-000-0000')
  await fill(user, /^漏えい等を把握した日/, '2026-11-02')
}

async function ready() {
  await screen.findByText('事件: シャローム不正アクセス事件', undefined, { timeout: 5000 })
  return screen.getByRole('form', { name: '通知の内容' })
}

// Filling the whole form takes seconds when the suite runs in parallel on a small machine.
describe('CampaignNewPage (the wizard’s first step)', { timeout: 20_000 }, () => {
  it('posts the content with an Idempotency-Key and goes to the new campaign', async () => {
    signIn()
    const api = campaignApi()
    const { router } = renderApp('/campaigns/new')
    const user = userEvent.setup()
    await ready()
    const steps = screen.getByRole('navigation', { name: '手順' })
    expect(within(steps).getByText('内容').closest('li')).toHaveAttribute('aria-current', 'step')
    expect(screen.getByLabelText(/^件名/)).toHaveValue('個人情報の漏えいのおそれに関するお知らせとお詫び')
    expect(screen.getByLabelText(/^漏えい等を把握した日/)).toHaveAttribute('max', todayInTokyo())

    await fillForm(user)
    await user.click(screen.getByLabelText(/不正の目的をもって行われたおそれがある漏えい等/))
    await user.click(screen.getByRole('button', { name: '作成して名簿の取込みへ' }))

    await waitFor(() => expect(router.state.location.pathname).toBe('/campaigns/100'))
    const [post] = api.calls('POST', /^\/notify\/api\/v1\/campaigns$/)
    expect(post.headers.get('Idempotency-Key')).toMatch(UUID)
    expect(post.headers.get('Authorization')).toBe('Bearer test-token')
    expect(await post.json()).toEqual({
      case_id: 1,
      title: '個人情報の漏えいのおそれに関するお知らせとお詫び',
      sender: { name: '堺社会保険労務士事務所', postal_code: '5900001', address: '大阪府堺市堺区一丁1番1号' },
      data_items: [
        { key: 'name', label: '氏名' },
        { key: 'mynumber', label: '個人番号' },
      ],
      overview: '委託先のクラウドサービスが不正アクセスを受けました。',
      cause: '委託先の認証情報が窃取されたためです。',
      secondary_harm: '現時点で二次被害は確認されていません。',
      contact: { desk: '個人情報お問い合わせ窓口', phone: '072-000-0000' },
      became_known_on: '2026-11-02',
      unlawful_purpose: true,
    })
    expect(await screen.findByRole('heading', { level: 1, name: /個人情報の漏えいのおそれに関するお知らせとお詫び/ })).toBeInTheDocument()
  })

  it('names the office chosen', async () => {
    signIn()
    const api = campaignApi()
    renderApp('/campaigns/new')
    const user = userEvent.setup()
    await ready()
    expect(screen.getByRole('radio', { name: '案件全体' })).toBeChecked()
    await user.type(screen.getByLabelText('事務所を検索'), '堺')
    await user.click(await screen.findByRole('radio', { name: /堺 三郎社会保険労務士事務所（堺 三郎・番号 7）/ }))
    expect(screen.getByRole('radio', { name: /堺 三郎社会保険労務士事務所/ })).toBeChecked()
    await fillForm(user)
    await user.click(screen.getByRole('button', { name: '作成して名簿の取込みへ' }))
    await waitFor(() => expect(api.calls('POST', /^\/notify\/api\/v1\/campaigns$/)).toHaveLength(1))
    expect(await api.calls('POST', /^\/notify\/api\/v1\/campaigns$/)[0].json()).toMatchObject({ case_id: 1, claimant_id: 7 })
  })

  it('shows a 422’s field errors next to the fields, and sends the corrected form with the same key', async () => {
    signIn()
    const api = campaignApi({
      refuseCreate: (body) =>
        (body.contact as Record<string, unknown>).phone === undefined
          ? problem(422, 'Invalid input', 'contact: give at least one of phone, email or address; sender.postal_code: String should match pattern', {
              type: 'validation-error',
              errors: [
                { field: 'contact', reason: 'give at least one of phone, email or address' },
                { field: 'sender.postal_code', reason: "String should match pattern '^[0-9]{3}-?[0-9]{4}$'" },
              ],
            })
          : null,
    })
    const { router } = renderApp('/campaigns/new')
    const user = userEvent.setup()
    await ready()
    await fillForm(user)
    await user.clear(screen.getByLabelText(/^電話番号/))
    await user.click(screen.getByRole('button', { name: '作成して名簿の取込みへ' }))

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Invalid input')
    expect(alert).toHaveTextContent('contact — give at least one of phone, email or address')
    const postal = screen.getByLabelText(/^郵便番号/)
    expect(postal).toHaveAttribute('aria-invalid', 'true')
    expect(postal).toHaveAccessibleDescription(expect.stringContaining('String should match pattern'))
    // the first field named gets the focus
    await waitFor(() => expect(screen.getByLabelText(/^窓口の名称/)).toHaveFocus())
    const contact = screen.getByRole('group', { name: 'お問い合わせ窓口' })
    expect(contact).toHaveAccessibleDescription('give at least one of phone, email or address')

    await fill(user, /^電話番号/, '072-000-0000')
    await user.dblClick(screen.getByRole('button', { name: '作成して名簿の取込みへ' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/campaigns/100'))
    const keys = api.calls('POST', /^\/notify\/api\/v1\/campaigns$/).map((r) => r.headers.get('Idempotency-Key'))
    expect(new Set(keys).size).toBe(1)
    expect(api.state.campaigns).toHaveLength(1)
  })

  it('checks the catalogue’s keys are unique and the required fields before sending', async () => {
    signIn()
    const api = campaignApi()
    renderApp('/campaigns/new')
    const user = userEvent.setup()
    await ready()
    await fill(user, '項目1のキー', 'name')
    await fill(user, '項目1の表示名', '氏名')
    await user.click(screen.getByRole('button', { name: '項目を追加' }))
    await user.paste('name')
    await fill(user, '項目2の表示名', '名前')
    await user.click(screen.getByRole('button', { name: '作成して名簿の取込みへ' }))

    expect(await screen.findByRole('alert')).toHaveTextContent(/入力内容を確認してください（\d+件）/)
    expect(screen.getByLabelText('項目2のキー')).toHaveAccessibleDescription('キー「name」が複数の行にあります。')
    expect(screen.getByLabelText(/^名称/)).toHaveAccessibleDescription('入力してください。')
    await waitFor(() => expect(screen.getByLabelText(/^名称/)).toHaveFocus())
    expect(api.calls('POST', /^\/notify\/api\/v1\/campaigns$/)).toHaveLength(0)

    // removing the second row: the focus goes to the row that is left
    await user.click(screen.getByRole('button', { name: '削除（項目2）' }))
    expect(screen.queryByLabelText('項目2のキー')).not.toBeInTheDocument()
    await waitFor(() => expect(screen.getByLabelText('項目1のキー')).toHaveFocus())
  })

  it('offers no form to a viewer', async () => {
    signIn()
    campaignApi({ role: 'viewer' })
    renderApp('/campaigns/new')
    expect(await screen.findByText(/作成する権限（notify:write）がないため/)).toBeInTheDocument()
    expect(screen.queryByRole('form')).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '作成して名簿の取込みへ' })).not.toBeInTheDocument()
  })
})
