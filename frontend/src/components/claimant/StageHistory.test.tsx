import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { stageChange } from '../../test/fixtures'
import { json, mockApi, problem, signIn } from '../../test/helpers'
import { StageHistory } from './StageHistory'
import { renderPart } from './testing'

describe('StageHistory', () => {
  it('lists each change: when (Japan time), from, to, who and the note', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/claimants/7/stage-history': () =>
        json([
          stageChange(1, 7, null, 'intake', '2026-10-01T00:15:00Z'),
          stageChange(2, 7, 'intake', 'engagement_sent', '2026-11-20T01:30:00Z'),
          stageChange(3, 7, 'engagement_sent', 'schedule_checked', '2026-11-21T08:05:00Z', '損害一覧の再確認のため戻す'),
        ]),
    })
    renderPart(<StageHistory claimantId={7} />)

    const table = await screen.findByRole('table', { name: '手続段階の履歴' })
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['日時', '変更前', '変更後', '担当者', 'メモ'])
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['（登録）', '受付', 'user:staff', '—'],
      ['受付', '委任契約書送付', 'user:staff', '—'],
      ['委任契約書送付', '損害一覧確認済', 'user:staff', '損害一覧の再確認のため戻す'],
    ])
    expect(within(rows[0]).getByRole('rowheader')).toHaveTextContent('2026年10月1日 09:15')
    expect(within(rows[2]).getByRole('rowheader')).toHaveTextContent('2026年11月21日 17:05')
  })

  it('shows the problem when the history cannot be read', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/claimants/7/stage-history': () => problem(404, 'Not found', 'claimant 7 does not exist'),
    })
    renderPart(<StageHistory claimantId={7} />)
    expect(await screen.findByRole('alert')).toHaveTextContent('claimant 7 does not exist')
  })
})
