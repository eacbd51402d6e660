import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { client, partnerRead, partnersApi } from '../components/partners/testApi'
import { renderApp, signIn } from '../test/helpers'

/** The rows of a table's body, each cell's text. */
function rowTexts(table: HTMLElement): string[][] {
  return [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent ?? ''))
}

const demo = client('demo-insurer', {
  name: 'デモ損害保険 本番接続',
  scopes: ['partner:claims.read', 'partner:settlements.write'],
  created_at: '2026-11-01T00:00:00Z',
  secret_rotated_at: '2026-11-20T01:30:00Z',
  previous_secret_expires_at: '2099-01-01T03:00:00Z',
})
const old = client('old-insurer', {
  name: '旧接続',
  insurer: 'さくら海上火災保険株式会社',
  is_active: false,
  created_at: '2026-06-01T00:00:00Z',
  revoked_at: '2026-10-05T06:00:00Z',
})
const notify = client('notify', { name: 'notify', kind: 'service', insurer: null, scopes: ['claims:read'] })

async function register(user: ReturnType<typeof userEvent.setup>, fields: { name: string; clientId: string; insurer: string }) {
  const form = await screen.findByRole('region', { name: '連携先を登録する' })
  await user.type(within(form).getByRole('textbox', { name: '名称（必須）' }), fields.name)
  await user.type(within(form).getByRole('textbox', { name: 'クライアントID（必須）' }), fields.clientId)
  if (fields.insurer) await user.type(within(form).getByRole('combobox', { name: '保険会社（必須）' }), fields.insurer)
  return form
}

describe('PartnersPage', () => {
  it('is in the main menu of admins only, in both languages', async () => {
    signIn()
    partnersApi({ clients: [demo] })
    renderApp('/partners')
    const nav = await screen.findByRole('navigation', { name: 'メインメニュー' })
    expect(await within(nav).findByRole('link', { name: '保険会社連携' })).toHaveAttribute('href', '/partners')
    expect(await screen.findByRole('heading', { level: 1, name: '保険会社連携' })).toBeInTheDocument()
    expect(await screen.findByRole('table', { name: '保険会社の連携先（全1件）' })).toBeInTheDocument()

    await userEvent.setup().selectOptions(screen.getByLabelText('表示言語'), 'en')
    expect(within(nav).getByRole('link', { name: 'Insurers' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 1, name: 'Insurer connections' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Register' })).toBeInTheDocument()
  })

  it('tells anyone but an admin that they may not see it, and reads no client', async () => {
    signIn()
    const api = partnersApi({ role: 'lawyer', clients: [demo] })
    renderApp('/partners')

    expect(await screen.findByText('権限がありません。')).toBeInTheDocument()
    expect(screen.getByText(/管理者（clients:admin）のみ/)).toBeInTheDocument()
    const nav = screen.getByRole('navigation', { name: 'メインメニュー' })
    expect(within(nav).getByRole('link', { name: '期日' })).toBeInTheDocument()
    expect(within(nav).queryByRole('link', { name: '保険会社連携' })).not.toBeInTheDocument()
    expect(screen.queryByRole('form')).not.toBeInTheDocument()
    expect(screen.queryByRole('table')).not.toBeInTheDocument()
    expect(api.sent('GET', '/clients')).toHaveLength(0)
  })

  it('lists the insurers’ clients: status, insurer, permissions, registration, rotation and grace period', async () => {
    signIn()
    partnersApi({ clients: [demo, old, notify] })
    renderApp('/partners')

    const table = await screen.findByRole('table', { name: '保険会社の連携先（全2件）' })
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      '名称',
      '保険会社',
      '権限',
      '状態',
      '登録日時',
      '最終ローテーション',
      '旧シークレットの有効期限',
    ])
    expect(rowTexts(table)).toEqual([
      [
        'デモ損害保険 本番接続demo-insurer',
        'デモ損害保険株式会社',
        '保険金請求データの閲覧支払の登録',
        '有効',
        '2026年11月1日 09:00',
        '2026年11月20日 10:30',
        '2099年1月1日 12:00',
      ],
      ['旧接続old-insurer', 'さくら海上火災保険株式会社', '保険金請求データの閲覧', '失効2026年10月5日 15:00', '2026年6月1日 09:00', '—', '—'],
    ])
    expect(screen.getByText('サービス間連携用のクライアント（1件）はこの画面には表示しません。')).toBeInTheDocument()
  })

  it('registers a client and shows its secret once, with a copy button and the warning', async () => {
    signIn()
    const api = partnersApi({ clients: [demo] })
    const user = userEvent.setup()
    const { router } = renderApp('/partners')

    const form = await register(user, { name: 'さくら海上 本番', clientId: 'sakura-prod', insurer: '' })
    // the insurers named so far are offered (those of the clients and of the claimants)
    const insurer = within(form).getByRole('combobox', { name: '保険会社（必須）' })
    const list = document.getElementById(insurer.getAttribute('list')!)!
    await waitFor(() =>
      expect([...list.querySelectorAll('option')].map((o) => o.getAttribute('value'))).toEqual(['さくら海上火災保険株式会社', 'デモ損害保険株式会社']),
    )
    await user.type(insurer, 'さくら海上火災保険株式会社')
    expect(within(form).getByRole('checkbox', { name: '保険金請求データの閲覧' })).toBeChecked()
    await user.click(within(form).getByRole('checkbox', { name: '支払の登録' }))
    await user.click(within(form).getByRole('button', { name: '登録' }))

    const panel = await screen.findByRole('dialog', { name: 'さくら海上 本番を登録しました: シークレット' })
    expect(within(panel).getByRole('heading', { name: 'さくら海上 本番を登録しました: シークレット' })).toHaveFocus()
    expect(panel).toHaveAccessibleDescription('この画面を閉じると二度と表示されません。 今すぐコピーして、保険会社に安全な方法で渡してください。')
    expect(within(panel).getByRole('textbox', { name: 'シークレット' })).toHaveValue('s3cr3t-first-AbCdEf')
    expect(within(panel).getByText('sakura-prod')).toBeInTheDocument()
    await user.click(within(panel).getByRole('button', { name: 'コピー' }))
    expect(await within(panel).findByText('シークレットをコピーしました。')).toHaveAttribute('role', 'status')
    expect(await navigator.clipboard.readText()).toBe('s3cr3t-first-AbCdEf')

    const [post] = api.sent('POST', '/clients')
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{32,36}$/)
    expect(await post.json()).toEqual({
      client_id: 'sakura-prod',
      name: 'さくら海上 本番',
      kind: 'partner',
      insurer: 'さくら海上火災保険株式会社',
      scopes: ['partner:claims.read', 'partner:settlements.write'],
    })
    // the new client is listed and selected, the form is empty again
    expect(router.state.location.search).toBe('?client=sakura-prod')
    const table = screen.getByRole('table', { name: '保険会社の連携先（全2件）' })
    expect(within(table).getByRole('row', { current: true })).toHaveTextContent('さくら海上 本番sakura-prod')
    expect(within(form).getByRole('textbox', { name: 'クライアントID（必須）' })).toHaveValue('')

    await user.click(within(panel).getByRole('button', { name: '閉じる' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByRole('heading', { name: '連携先の一覧' })).toHaveFocus()
    // the secret is nowhere on the page any more
    expect(document.body.innerHTML).not.toContain('s3cr3t-first-AbCdEf')
  })

  it('shows a 422 with its field and a 409 with its detail', async () => {
    signIn()
    const api = partnersApi({ clients: [demo] })
    const user = userEvent.setup()
    renderApp('/partners')

    const form = await register(user, { name: 'テスト', clientId: 'Sakura_Prod', insurer: 'さくら海上火災保険株式会社' })
    await user.click(within(form).getByRole('button', { name: '登録' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Invalid input')
    expect(alert).toHaveTextContent("項目: client_id — String should match pattern '^[a-z0-9-]+$'")
    expect(alert).toHaveTextContent('問い合わせ番号: req-422')
    expect(within(form).getByRole('textbox', { name: 'クライアントID（必須）' })).toHaveAttribute('aria-invalid', 'true')

    const clientId = within(form).getByRole('textbox', { name: 'クライアントID（必須）' })
    await user.clear(clientId)
    // editing clears the problem
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    await user.type(clientId, 'demo-insurer')
    await user.click(within(form).getByRole('button', { name: '登録' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('client demo-insurer exists')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(api.sent('POST', '/clients')).toHaveLength(2)
  })

  it('revokes a client only after confirmation', async () => {
    signIn()
    const api = partnersApi({ clients: [demo] })
    const user = userEvent.setup()
    renderApp('/partners?client=demo-insurer')

    const panel = await screen.findByRole('region', { name: 'デモ損害保険 本番接続（demo-insurer）' })
    await user.click(within(panel).getByRole('button', { name: '失効させる（デモ損害保険 本番接続）' }))
    const confirm = within(panel).getByRole('group', { name: /デモ損害保険 本番接続（demo-insurer）を失効させます。.*よろしいですか？/ })
    expect(within(confirm).getByRole('button', { name: '失効させる' })).toHaveFocus()
    expect(api.sent('POST', '/clients/demo-insurer/revoke')).toHaveLength(0)

    await user.click(within(confirm).getByRole('button', { name: 'やめる' }))
    expect(within(panel).queryByRole('group', { name: /失効させます/ })).not.toBeInTheDocument()
    expect(within(panel).getByRole('button', { name: '失効させる（デモ損害保険 本番接続）' })).toHaveFocus()
    expect(api.sent('POST', '/clients/demo-insurer/revoke')).toHaveLength(0)

    await user.click(within(panel).getByRole('button', { name: '失効させる（デモ損害保険 本番接続）' }))
    await user.click(within(panel).getByRole('button', { name: '失効させる' }))
    expect(await within(panel).findByText('デモ損害保険 本番接続を失効させました。')).toHaveAttribute('role', 'status')
    expect(api.sent('POST', '/clients/demo-insurer/revoke')).toHaveLength(1)
    const row = within(screen.getByRole('table', { name: /保険会社の連携先/ })).getByRole('row', { current: true })
    expect(row).toHaveTextContent('失効')
    // a revoked client can be neither rotated nor revoked again
    expect(within(panel).queryByRole('button', { name: /失効させる|シークレットを再発行/ })).not.toBeInTheDocument()
    expect(within(panel).getByText(/この連携先は失効しています/)).toBeInTheDocument()
  })

  it('rotates the secret with a grace period after confirmation; a grace period out of range is refused by the API', async () => {
    signIn()
    const api = partnersApi({ clients: [demo] })
    const user = userEvent.setup()
    renderApp('/partners?client=demo-insurer')

    const panel = await screen.findByRole('region', { name: 'デモ損害保険 本番接続（demo-insurer）' })
    const rotate = within(panel).getByRole('form', { name: 'シークレットの再発行' })
    const hours = within(rotate).getByRole('textbox', { name: '旧シークレットの猶予' })
    expect(hours).toHaveValue('24')
    await user.clear(hours)
    await user.type(hours, '200')
    await user.click(within(rotate).getByRole('button', { name: 'シークレットを再発行' }))
    await user.click(within(rotate).getByRole('button', { name: '再発行する' }))
    const alert = await within(rotate).findByRole('alert')
    expect(alert).toHaveTextContent('項目: grace_hours — Input should be less than or equal to 168')
    expect(hours).toHaveAttribute('aria-invalid', 'true')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()

    await user.clear(hours)
    await user.type(hours, '48')
    await user.click(within(rotate).getByRole('button', { name: 'シークレットを再発行' }))
    expect(within(rotate).getByRole('group', { name: 'デモ損害保険 本番接続のシークレットを再発行します。旧シークレットは48時間後に使えなくなります。よろしいですか？' })).toBeInTheDocument()
    await user.click(within(rotate).getByRole('button', { name: '再発行する' }))

    const dialog = await screen.findByRole('dialog', { name: 'デモ損害保険 本番接続のシークレットを再発行しました' })
    expect(within(dialog).getByRole('textbox', { name: 'シークレット' })).toHaveValue('s3cr3t-first-AbCdEf')
    expect(within(dialog).getByText('この画面を閉じると二度と表示されません。')).toBeInTheDocument()
    expect(within(dialog).getByText(/^旧シークレットは.+まで使えます。$/)).toBeInTheDocument()
    const bodies = await Promise.all(api.sent('POST', '/clients/demo-insurer/rotate-secret').map((r) => r.json()))
    expect(bodies).toEqual([{ grace_hours: 200 }, { grace_hours: 48 }])
  })

  it('shows a client’s access log in Japan time with the claimant and the parts received, and pages by cursor', async () => {
    signIn()
    const events = [
      ...Array.from({ length: 55 }, (_, i) => partnerRead(i + 10, 'demo-insurer', 100 + i, `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`)),
      partnerRead(70, 'demo-insurer', 7, '2026-11-30T01:30:00Z', { action: 'partner.claims.not_modified', detail: { client_id: 'demo-insurer', fields: ['id', 'updated_at', 'policy'] } }),
      partnerRead(71, 'demo-insurer', 7, '2026-11-30T02:00:00Z', {
        action: 'partner.settlement.create',
        detail: { client_id: 'demo-insurer', item_id: 4, head: 'other_loss', after: { paid_amount: 10000, paid_on: '2026-11-29' } },
      }),
      partnerRead(72, 'demo-insurer', null, '2026-11-30T02:10:00Z', { action: 'login', entity: 'client', detail: { secret: 'previous' } }),
      partnerRead(73, 'other-insurer', 9, '2026-11-30T03:00:00Z'),
    ]
    const api = partnersApi({ clients: [demo], events })
    const user = userEvent.setup()
    renderApp('/partners?client=demo-insurer')

    const log = await screen.findByRole('region', { name: 'アクセス記録' })
    const table = await within(log).findByRole('table', { name: 'デモ損害保険 本番接続のアクセス記録（新しい順・50件を表示中、続きがあります）' })
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['日時（日本時間）', '操作', '原告', '受け取った項目'])
    expect(rowTexts(table).slice(0, 4)).toEqual([
      ['2026年11月30日 11:10', 'トークンの取得（旧シークレットを使用）', '—', '—'],
      ['2026年11月30日 11:00', '支払の登録', '原告7', 'その他実損: 10,000円（2026年11月29日支払）'],
      ['2026年11月30日 10:30', '請求データの確認（変更なし）', '原告7', 'ID、更新日時、保険契約'],
      ['2026年11月27日 09:00', '請求データの閲覧', '原告154', 'ID、更新日時、原告の基本情報、損害項目、請求額'],
    ])
    expect(within(table).getAllByRole('link', { name: '原告7' })[0]).toHaveAttribute('href', '/claimants/7')
    const first = new URL(api.sent('GET', '/audit-events')[0].url)
    expect(Object.fromEntries(first.searchParams)).toEqual({ actor: 'client:demo-insurer', limit: '50' })

    await user.click(within(log).getByRole('button', { name: 'さらに表示' }))
    await within(log).findByRole('table', { name: 'デモ損害保険 本番接続のアクセス記録（新しい順・58件）' })
    expect(new URL(api.sent('GET', '/audit-events')[1].url).searchParams.get('cursor')).toBe('18')
    expect(within(log).queryByRole('button', { name: 'さらに表示' })).not.toBeInTheDocument()
    expect(rowTexts(table).at(-1)).toEqual(['2026年11月1日 09:00', '請求データの閲覧', '原告100', 'ID、更新日時、原告の基本情報、損害項目、請求額'])
  })
})
