import { useMutation } from '@tanstack/react-query'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { principal } from '../../test/fixtures'
import { json, mockApi, problem, signIn } from '../../test/helpers'
import { diff } from './auditDiff'
import { ClaimantAudit } from './ClaimantAudit'
import { renderPart, whenSignedInUserKnown } from './testing'

const AUDIT = 'GET /claims-api/api/v1/audit-events'

function entry(id: number, action: string, detail: Record<string, unknown>, at = '2026-11-20T01:30:00Z') {
  return { id, at, actor: 'user:3', action, entity: 'claimant', entity_id: '7', detail, request_id: null, prev_hash: '0'.repeat(64), hash: 'f'.repeat(64) }
}

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
  it('shows an admin the claimant’s audit entries with readable before and after, and older ones on request', async () => {
    signIn()
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('admin')),
      [AUDIT]: (_request, url) =>
        url.searchParams.get('cursor')
          ? json({ items: [entry(1, 'claimant.create', { duplicates: [] }, '2026-11-19T01:00:00Z')], next_cursor: null })
          : json({
              items: [
                entry(9, 'damage_item.update', {
                  item_id: 1,
                  head: 'staff_cost',
                  before: { amount: 1698, inputs: { lines: [{ hours: 3, hourly_rate: 566 }] } },
                  after: { amount: 2264, inputs: { lines: [{ hours: 4, hourly_rate: 566 }] } },
                }),
                entry(8, 'claimant.stage', { before: { stage: 'intake' }, after: { stage: 'engagement_sent' } }),
                entry(7, 'claimant.update', { fields: ['phone', 'reminder_consent'] }),
                entry(6, 'claimant.checklist', { item: 'power_of_attorney', before: { received_on: null }, after: { received_on: '2026-11-18' } }),
                entry(5, 'claimant.deficiency.create', { deficiency_id: 3, cure_by: '2027-01-29' }),
              ],
              next_cursor: 6,
            }),
    })
    const user = userEvent.setup()
    renderPart(<ClaimantAudit claimantId={7} />)

    const table = await screen.findByRole('table', { name: '変更履歴' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows[0]).toHaveTextContent('2026年11月20日 10:30')
    expect(rows[0]).toHaveTextContent('user:3')
    expect(rows[0]).toHaveTextContent('損害項目を変更')
    expect(rows[0]).toHaveTextContent('損害項目: 人件費')
    expect(rows[0]).toHaveTextContent('金額: 1,698円 → 2,264円')
    expect(rows[0]).toHaveTextContent('入力 1行目 時間: 3 → 4')
    expect(rows[0]).not.toHaveTextContent('item_id')
    expect(rows[1]).toHaveTextContent('手続段階: 受付 → 委任契約書送付')
    expect(rows[2]).toHaveTextContent('基本情報を変更')
    expect(rows[2]).toHaveTextContent('変更した項目: 電話番号、期日通知への同意')
    expect(rows[3]).toHaveTextContent('書類: 委任状')
    expect(rows[3]).toHaveTextContent('受領日: — → 2026年11月18日')
    expect(rows[4]).toHaveTextContent('不備を登録不備番号: 3補正期限: 2027年1月29日')
    const first = new URL(requests[1].url)
    expect(Object.fromEntries(first.searchParams)).toEqual({ entity: 'claimant', entity_id: '7', limit: '50' })

    await user.click(screen.getByRole('button', { name: 'さらに古い記録を表示' }))
    expect(await within(table).findByText('原告を登録')).toBeInTheDocument()
    expect(new URL(requests.at(-1)!.url).searchParams.get('cursor')).toBe('6')
    expect(screen.queryByRole('button', { name: 'さらに古い記録を表示' })).not.toBeInTheDocument()
  })

  it('is not shown to staff, who may not read the audit log (and it is not asked for)', async () => {
    signIn()
    const { requests } = mockApi({ 'GET /claims-api/api/v1/auth/me': () => json(principal('staff')) })
    const { queryClient, container } = renderPart(<ClaimantAudit claimantId={7} />)
    await whenSignedInUserKnown(queryClient)
    expect(container).toBeEmptyDOMElement()
    expect(requests.some((r) => r.url.includes('audit-events'))).toBe(false)
  })

  it('reads the log again once a change made on the page has been saved', async () => {
    signIn()
    let entries = [entry(1, 'claimant.create', {})]
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('admin')),
      [AUDIT]: () => json({ items: entries, next_cursor: null }),
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
    await waitFor(() => expect(requests.filter((r) => r.url.includes('audit-events'))).toHaveLength(2))
  })

  it('shows the API’s error', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('admin')),
      [AUDIT]: () => problem(403, 'Forbidden', 'missing scope audit:read'),
    })
    renderPart(<ClaimantAudit claimantId={7} />)
    expect(await screen.findByRole('alert')).toHaveTextContent('missing scope audit:read')
  })
})
