import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { checklist, intakeClaimant, principal } from '../../test/fixtures'
import { json, mockApi, problem, signIn } from '../../test/helpers'
import { ChecklistEditor } from './ChecklistEditor'
import { todayInTokyo } from './claimantQueries'
import { renderPart, versioned, whenSignedInUserKnown } from './testing'

const CLAIMANT = 'GET /claims-api/api/v1/claimants/7'

/** A claims-api stand-in that records checklist PUTs and answers with the changed claimant. */
function checklistApi(role: 'viewer' | 'staff', received: Record<string, string | null> = { damage_schedule: '2026-11-02' }) {
  let state = { ...received }
  let version = 1
  const current = () => intakeClaimant(7, '堺 三郎', checklist(state))
  return mockApi({
    'GET /claims-api/api/v1/auth/me': () => json(principal(role)),
    [CLAIMANT]: () => versioned(current(), `"v${version}"`),
    ...Object.fromEntries(
      ['damage_schedule', 'engagement_contract_signed', 'power_of_attorney', 'originals', 'insurance_policy'].map((item) => [
        `PUT /claims-api/api/v1/claimants/7/checklist/${item}`,
        async (request: Request) => {
          const body = (await request.json()) as { received_on: string | null }
          state = { ...state, [item]: body.received_on }
          version += 1
          return json(current())
        },
      ]),
    ),
  })
}

describe('ChecklistEditor', () => {
  it('ticks an item as received on the chosen date, with If-Match, and shows it received', async () => {
    signIn()
    const { requests } = checklistApi('staff')
    const user = userEvent.setup()
    renderPart(<ChecklistEditor claimantId={7} />)

    const poa = await screen.findByRole('checkbox', { name: '委任状' })
    expect(poa).not.toBeChecked()
    expect(poa).toHaveAccessibleDescription('未受領')
    expect(screen.getByText('未受領の書類が4件あります。')).toBeInTheDocument()
    const date = screen.getByLabelText('受領日（委任状）')
    expect(date).toHaveValue(todayInTokyo())
    fireEvent.change(date, { target: { value: '2026-11-24' } })
    await user.click(poa)

    expect(await screen.findByText('「委任状」を受領済みにしました（2026年11月24日受領）。')).toHaveAttribute('role', 'status')
    expect(screen.getByRole('checkbox', { name: '委任状' })).toBeChecked()
    expect(screen.getByRole('checkbox', { name: '委任状' })).toHaveAccessibleDescription('2026年11月24日受領（記録: user:staff）')
    expect(screen.getByText('未受領の書類が3件あります。')).toBeInTheDocument()
    const put = requests.find((r) => r.method === 'PUT')!
    expect(new URL(put.url).pathname).toBe('/claims-api/api/v1/claimants/7/checklist/power_of_attorney')
    expect(await put.json()).toEqual({ received_on: '2026-11-24' })
    expect(put.headers.get('If-Match')).toBe('"v1"')
  })

  it('ticks with today (Japan) by default and unticks with null, from the keyboard', async () => {
    signIn()
    const { requests } = checklistApi('staff')
    const user = userEvent.setup()
    renderPart(<ChecklistEditor claimantId={7} />)

    const originals = await screen.findByRole('checkbox', { name: '証拠原本' })
    originals.focus()
    await user.keyboard(' ')
    await screen.findByText(/「証拠原本」を受領済みにしました/)
    expect(await requests.filter((r) => r.method === 'PUT')[0].json()).toEqual({ received_on: todayInTokyo() })

    const schedule = screen.getByRole('checkbox', { name: '損害一覧' })
    expect(schedule).toBeChecked()
    await user.click(schedule)
    expect(await screen.findByText('「損害一覧」を未受領に戻しました。')).toBeInTheDocument()
    expect(screen.getByRole('checkbox', { name: '損害一覧' })).not.toBeChecked()
    const untick = requests.filter((r) => r.method === 'PUT')[1]
    expect(new URL(untick.url).pathname).toMatch(/checklist\/damage_schedule$/)
    expect(await untick.json()).toEqual({ received_on: null })
    // the second write carried the ETag of the claimant as refetched after the first
    expect(untick.headers.get('If-Match')).toBe('"v2"')
  })

  it('shows the field and reason of a 422', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      'PUT /claims-api/api/v1/claimants/7/checklist/originals': () =>
        problem(422, 'Invalid input', 'received_on: must not be in the future', {
          errors: [{ field: 'received_on', reason: 'must not be in the future' }],
        }),
    })
    const user = userEvent.setup()
    renderPart(<ChecklistEditor claimantId={7} />)

    await user.click(await screen.findByRole('checkbox', { name: '証拠原本' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('received_on: must not be in the future')
    expect(alert).toHaveTextContent('項目: received_on — must not be in the future')
    await waitFor(() => expect(screen.getByRole('checkbox', { name: '証拠原本' })).not.toBeChecked())
  })

  it('shows a viewer what was received, without checkboxes or dates', async () => {
    signIn()
    checklistApi('viewer')
    const { queryClient } = renderPart(<ChecklistEditor claimantId={7} />)

    const list = await screen.findByRole('list', { name: '書類の受領状況' })
    await whenSignedInUserKnown(queryClient)
    const items = within(list).getAllByRole('listitem')
    expect(items.map((li) => li.textContent)).toEqual([
      '損害一覧 2026年11月2日受領（記録: user:staff）',
      '署名済み訴訟委任契約書 未受領',
      '委任状 未受領',
      '証拠原本 未受領',
      '保険証券 未受領',
    ])
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument()
    expect(screen.queryByLabelText(/受領日/)).not.toBeInTheDocument()
  })
})
