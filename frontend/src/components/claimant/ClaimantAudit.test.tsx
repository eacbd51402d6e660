import { useMutation } from '@tanstack/react-query'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { principal } from '../../test/fixtures'
import { json, mockApi, problem, signIn } from '../../test/helpers'
import { diff } from './auditDiff'
import { ClaimantAudit } from './ClaimantAudit'
import { renderPart, whenSignedInUserKnown } from './testing'

const HISTORY = 'GET /claims-api/api/v1/claimants/7/history'

type Subject = { kind: string; id: number; label?: string | null; title?: string | null; head?: string | null }

function entry(id: number, action: string, detail: Record<string, unknown>, at = '2026-11-20T01:30:00Z', more: { subject?: Subject | null; entity?: string; entity_id?: string; actor?: string } = {}) {
  return { id, at, actor: 'user:3', action, entity: 'claimant', entity_id: '7', detail, subject: null, ...more }
}

const staffCost = { kind: 'damage_item', id: 1, label: null, title: null, head: 'staff_cost' }
const kintai = { kind: 'exhibit', id: 31, label: '甲第20号証の2', title: '勤怠記録', head: null }

describe('diff', () => {
  it('lists the leaves that differ, by path', () => {
    expect(
      diff(
        { amount: 1698, inputs: { lines: [{ hours: 3, hourly_rate: 566 }] }, facts: '残業' },
        { amount: 2264, inputs: { lines: [{ hours: 4, hourly_rate: 566 }] }, facts: '残業' },
      ),
    ).toEqual([
      { path: 'amount', before: 1698, after: 2264 },
      { path: 'inputs.lines[0].hours', before: 3, after: 4 },
    ])
    expect(diff(undefined, { stage: 'filed' })).toEqual([{ path: 'stage', before: undefined, after: 'filed' }])
  })
})

describe('ClaimantAudit', () => {
  it('shows a viewer the claimant’s history with what each entry is about and readable before and after, and older ones on request', async () => {
    signIn()
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('viewer')),
      [HISTORY]: (_request, url) =>
        url.searchParams.get('cursor')
          ? json({ items: [entry(1, 'claimant.create', { duplicates: [] }, '2026-11-19T01:00:00Z')], next_cursor: null })
          : json({
              items: [
                entry(
                  12,
                  'damage_item.update',
                  {
                    item_id: 1,
                    head: 'staff_cost',
                    before: { amount: 1698, inputs: { lines: [{ hours: 3, hourly_rate: 566 }] } },
                    after: { amount: 2264, inputs: { lines: [{ hours: 4, hourly_rate: 566 }] } },
                  },
                  undefined,
                  { subject: staffCost },
                ),
                entry(
                  11,
                  'exhibit.version',
                  { label: '甲第3号証の2', version: 2, filename: 'kintai.pdf', sha256: 'a'.repeat(64), size: 2048 },
                  undefined,
                  { entity: 'exhibit', entity_id: '31', subject: kintai },
                ),
                entry(
                  10,
                  'exhibit.renumber',
                  { case_id: 1, claimant_id: 7, claimant_block: true, before: { label: '甲第3号証の2' }, after: { label: '甲第20号証の2' } },
                  undefined,
                  { entity: 'exhibit', entity_id: '31', subject: kintai },
                ),
                entry(
                  9,
                  'exhibit.update',
                  {
                    case_id: 1,
                    claimant_id: 7,
                    before: { label: '甲第3号証の2', slot: 2, original_or_copy: 'copy', made_on: null },
                    after: { label: '甲第3号証の2', slot: 2, original_or_copy: 'original', made_on: '2023-06-30' },
                  },
                  undefined,
                  { entity: 'exhibit', entity_id: '31', subject: kintai },
                ),
                entry(8, 'proceeding.member.add', { claimant_id: 7, number: 5 }, undefined, {
                  entity: 'proceeding',
                  entity_id: '2',
                  subject: { kind: 'proceeding', id: 2, label: '第1次調停', title: null, head: null },
                }),
                entry(7, 'claimant.stage', { before: { stage: 'intake' }, after: { stage: 'engagement_sent' } }),
                entry(6, 'claimant.update', { fields: ['phone', 'reminder_consent'] }),
                entry(5, 'claimant.checklist', { item: 'power_of_attorney', before: { received_on: null }, after: { received_on: '2026-11-18' } }),
                entry(4, 'claimant.deficiency.create', { deficiency_id: 3, cure_by: '2027-01-29' }),
              ],
              next_cursor: 4,
            }),
    })
    const user = userEvent.setup()
    renderPart(<ClaimantAudit claimantId={7} />)

    const table = await screen.findByRole('table', { name: '変更履歴' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows[0]).toHaveTextContent('2026年11月20日 10:30')
    expect(rows[0]).toHaveTextContent('user:3')
    expect(rows[0]).toHaveTextContent('損害項目を変更')
    expect(rows[0]).toHaveTextContent('損害項目 人件費')
    expect(rows[0]).toHaveTextContent('金額: 1,698円 → 2,264円')
    expect(rows[0]).toHaveTextContent('入力 1行目 時間: 3 → 4')
    expect(rows[0]).not.toHaveTextContent('item_id')
    expect(rows[1]).toHaveTextContent('証拠のファイルを登録')
    expect(rows[1]).toHaveTextContent('証拠 甲第20号証の2 勤怠記録')
    expect(rows[1]).toHaveTextContent('版: 2')
    expect(rows[1]).toHaveTextContent('ファイル名: kintai.pdf')
    expect(rows[1]).toHaveTextContent('サイズ: 2,048バイト')
    expect(rows[1]).not.toHaveTextContent('aaaa')
    expect(rows[1]).not.toHaveTextContent('甲第3号証の2')
    expect(rows[2]).toHaveTextContent('証拠番号を変更')
    expect(rows[2]).toHaveTextContent('証拠番号: 甲第3号証の2 → 甲第20号証の2')
    expect(rows[2]).not.toHaveTextContent('claimant_block')
    expect(rows[3]).toHaveTextContent('証拠の記載を変更')
    expect(rows[3]).toHaveTextContent('原本・写し: 写し → 原本')
    expect(rows[3]).toHaveTextContent('作成年月日: — → 2023年6月30日')
    expect(rows[3]).not.toHaveTextContent('損害一覧の証拠欄')
    expect(rows[4]).toHaveTextContent('手続に追加')
    expect(rows[4]).toHaveTextContent('手続 第1次調停')
    expect(rows[4]).toHaveTextContent('手続での番号: 5')
    expect(rows[5]).toHaveTextContent('手続段階: 受付 → 委任契約書送付')
    expect(rows[6]).toHaveTextContent('基本情報を変更')
    expect(rows[6]).toHaveTextContent('変更した項目: 電話番号、期日通知への同意')
    expect(rows[7]).toHaveTextContent('書類: 委任状')
    expect(rows[7]).toHaveTextContent('受領日: — → 2026年11月18日')
    expect(rows[8]).toHaveTextContent('不備を登録不備番号: 3補正期限: 2027年1月29日')
    const first = new URL(requests[1].url)
    expect(first.pathname).toBe('/claims-api/api/v1/claimants/7/history')
    expect(Object.fromEntries(first.searchParams)).toEqual({ partner_reads: 'false', limit: '50' })

    await user.click(screen.getByRole('button', { name: 'さらに古い記録を表示' }))
    expect(await within(table).findByText('原告を登録')).toBeInTheDocument()
    expect(new URL(requests.at(-1)!.url).searchParams.get('cursor')).toBe('4')
    expect(screen.queryByRole('button', { name: 'さらに古い記録を表示' })).not.toBeInTheDocument()
  })

  it('shows the insurer’s reads once asked to, with the parts it read', async () => {
    signIn()
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('lawyer')),
      [HISTORY]: (_request, url) =>
        json({
          items: [
            ...(url.searchParams.get('partner_reads') === 'true'
              ? [entry(3, 'partner.claims.read', { client_id: 'insurer-a', fields: ['id', 'updated_at', 'damage_items'] }, undefined, { actor: 'client:insurer-a' })]
              : []),
            entry(2, 'partner.settlement.create', { client_id: 'insurer-a', item_id: 1, head: 'staff_cost', after: { paid_amount: 12000, paid_on: '2024-03-01' } }, undefined, {
              actor: 'client:insurer-a',
              subject: staffCost,
            }),
          ],
          next_cursor: null,
        }),
    })
    const user = userEvent.setup()
    renderPart(<ClaimantAudit claimantId={7} />)

    const table = await screen.findByRole('table', { name: '変更履歴' })
    expect(within(table).getAllByRole('row')).toHaveLength(2)
    expect(table).toHaveTextContent('保険会社が支払を登録')
    expect(table).toHaveTextContent('支払額: — → 12,000円')
    await user.click(screen.getByRole('checkbox', { name: '保険会社による閲覧の記録も表示する' }))

    expect(await within(table).findByText('保険会社が請求内容を閲覧')).toBeInTheDocument()
    const read = within(table).getAllByRole('row')[1]
    expect(read).toHaveTextContent('client:insurer-a')
    expect(read).toHaveTextContent('閲覧した項目: id、updated_at、damage_items')
    expect(read).not.toHaveTextContent('変更した項目')
    expect(new URL(requests.at(-1)!.url).searchParams.get('partner_reads')).toBe('true')
  })

  it('names the other claimant of a dismissed duplicate and links to it, in English too', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [HISTORY]: () =>
        json({
          items: [
            entry(5, 'claimant.duplicate.dismiss', { other_id: 7, reasons: ['registration_no'] }, undefined, {
              entity_id: '12',
              subject: { kind: 'claimant', id: 12, label: null, title: null, head: null },
            }),
            entry(4, 'exhibit.create', { case_id: 1, claimant_id: 7, after: { label: '甲第20号証の2', title: '勤怠記録' } }, undefined, {
              entity: 'exhibit',
              entity_id: '31',
              subject: kintai,
            }),
          ],
          next_cursor: null,
        }),
    })
    renderPart(<ClaimantAudit claimantId={7} />, 'en')

    const table = await screen.findByRole('table', { name: 'Change history' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(within(rows[0]).getByRole('link', { name: 'Possible duplicate (claimant no. 12)' })).toHaveAttribute('href', '/claimants/12')
    expect(rows[0]).not.toHaveTextContent('claimant no.): 7')
    expect(rows[1]).toHaveTextContent('Exhibit added')
    expect(rows[1]).toHaveTextContent('Exhibit 甲第20号証の2 勤怠記録')
  })

  it('is not shown to someone who may not read claimants (and it is not asked for)', async () => {
    signIn()
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json({ ...principal('viewer'), scopes: ['cases:read', 'hearings:read'] }),
    })
    const { queryClient, container } = renderPart(<ClaimantAudit claimantId={7} />)
    await whenSignedInUserKnown(queryClient)
    expect(container).toBeEmptyDOMElement()
    expect(requests.some((r) => r.url.includes('/history'))).toBe(false)
  })

  it('reads the history again once a change made on the page has been saved', async () => {
    signIn()
    let entries = [entry(1, 'claimant.create', {})]
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [HISTORY]: () => json({ items: entries, next_cursor: null }),
    })
    function Change() {
      const save = useMutation({
        mutationFn: async () => {
          entries = [entry(2, 'claimant.update', { fields: ['email'] }), ...entries]
        },
      })
      return (
        <button type="button" onClick={() => save.mutate()}>
          change
        </button>
      )
    }
    const user = userEvent.setup()
    renderPart(
      <>
        <ClaimantAudit claimantId={7} />
        <Change />
      </>,
    )
    await screen.findByText('原告を登録')
    await user.click(screen.getByRole('button', { name: 'change' }))
    expect(await screen.findByText('変更した項目: メールアドレス')).toBeInTheDocument()
    await waitFor(() => expect(requests.filter((r) => r.url.includes('/history'))).toHaveLength(2))
  })

  it('shows the API’s error', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('viewer')),
      [HISTORY]: () => problem(404, 'Not Found', 'claimant 7 not found'),
    })
    renderPart(<ClaimantAudit claimantId={7} />)
    expect(await screen.findByRole('alert')).toHaveTextContent('claimant 7 not found')
  })
})
