import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { intakeClaimant, principal } from '../../test/fixtures'
import { json, mockApi, problem, signIn } from '../../test/helpers'
import { StageEditor } from './StageEditor'
import { renderPart, versioned, whenSignedInUserKnown } from './testing'

const CLAIMANT = 'GET /claims-api/api/v1/claimants/7'
const MOVE = 'POST /claims-api/api/v1/claimants/7/stage'

function stageShown() {
  return screen.getByText('手続段階').nextElementSibling
}

describe('StageEditor', () => {
  it('moves the stage forward: posts the target and the note with If-Match, then shows the new stage', async () => {
    signIn()
    let current = intakeClaimant(7, '堺 三郎')
    let version = 1
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(current, `"v${version}"`),
      [MOVE]: async (request) => {
        const body = (await request.json()) as { to_stage: string }
        current = intakeClaimant(7, '堺 三郎', { stage: body.to_stage, stage_label: '委任契約締結' })
        version += 1
        return json(current)
      },
    })
    const user = userEvent.setup()
    renderPart(<StageEditor claimantId={7} />)

    await waitFor(() => expect(stageShown()).toHaveTextContent('委任契約書送付'))
    const target = await screen.findByRole('combobox', { name: '変更後の段階' })
    // the next stage is offered first; earlier stages say that they move back
    expect(target).toHaveValue('engagement_signed')
    expect(within(target).getByRole('option', { name: '受付（前の段階に戻す）' })).toBeInTheDocument()
    expect(within(target).queryByRole('option', { name: '委任契約書送付' })).not.toBeInTheDocument()

    await user.selectOptions(target, '委任契約締結')
    await user.type(screen.getByRole('textbox', { name: 'メモ' }), '署名済みの契約書が郵送で届いた')
    await user.click(screen.getByRole('button', { name: '段階を変更する' }))

    expect(await screen.findByText('手続段階を「委任契約締結」に変更しました。')).toHaveAttribute('role', 'status')
    expect(stageShown()).toHaveTextContent('委任契約締結')
    const post = requests.find((r) => r.method === 'POST')!
    expect(await post.json()).toEqual({ to_stage: 'engagement_signed', note: '署名済みの契約書が郵送で届いた' })
    expect(post.headers.get('If-Match')).toBe('"v1"')
    // the page was refetched: the form offers the stage after the new one, the note is cleared
    expect(requests.filter((r) => r.method === 'GET' && r.url.endsWith('/claimants/7'))).toHaveLength(2)
    expect(screen.getByRole('combobox', { name: '変更後の段階' })).toHaveValue('poa_received')
    expect(screen.getByRole('textbox', { name: 'メモ' })).toHaveValue('')
  })

  it('asks for a note when moving back, and shows the 422 field and reason the API answers', async () => {
    signIn()
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('lawyer')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      [MOVE]: () =>
        problem(422, 'Invalid input', 'note: a note is required to move a claimant back to an earlier stage', {
          type: 'validation-error',
          errors: [{ field: 'note', reason: 'a note is required to move a claimant back to an earlier stage' }],
          request_id: 'req-42',
        }),
    })
    const user = userEvent.setup()
    renderPart(<StageEditor claimantId={7} />)

    await user.selectOptions(await screen.findByRole('combobox', { name: '変更後の段階' }), 'schedule_checked')
    const note = screen.getByRole('textbox', { name: /メモ/ })
    expect(note).toBeRequired()
    expect(note).toHaveAccessibleDescription('前の段階に戻すときは、理由をメモに記入してください。')
    // blanks pass the browser's check but are no note: the API refuses, and the page says which field and why
    await user.type(note, '   ')
    await user.click(screen.getByRole('button', { name: '段階を変更する' }))

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Invalid input')
    expect(alert).toHaveTextContent('項目: note — a note is required to move a claimant back to an earlier stage')
    expect(alert).toHaveTextContent('問い合わせ番号: req-42')
    expect(note).toHaveAttribute('aria-invalid', 'true')
    expect(await requests.find((r) => r.method === 'POST')!.json()).toEqual({ to_stage: 'schedule_checked', note: null })
  })

  it('names the documents still missing when the API refuses a forward move (409)', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
      [MOVE]: () =>
        problem(409, 'Stage requirements not met', 'cannot move to poa_received: missing checklist items: engagement_contract_signed, power_of_attorney', {
          type: 'stage-requirements',
          missing_items: ['engagement_contract_signed', 'power_of_attorney'],
          open_deficiencies: 0,
        }),
    })
    const user = userEvent.setup()
    renderPart(<StageEditor claimantId={7} />)

    await user.selectOptions(await screen.findByRole('combobox', { name: '変更後の段階' }), 'poa_received')
    await user.click(screen.getByRole('button', { name: '段階を変更する' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('missing checklist items: engagement_contract_signed, power_of_attorney')
    expect(screen.getByText('この段階に進むには、次の書類の受領が必要です: 署名済み訴訟委任契約書、委任状')).toBeInTheDocument()
    expect(stageShown()).toHaveTextContent('委任契約書送付')
  })

  it('on 412 says someone else updated first and shows the latest claimant', async () => {
    signIn()
    let current = intakeClaimant(7, '堺 三郎')
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(current, current.stage === 'engagement_sent' ? '"v1"' : '"v2"'),
      [MOVE]: () => {
        // another user moved the claimant in the meantime
        current = intakeClaimant(7, '堺 三郎', { stage: 'poa_received', stage_label: '委任状受領' })
        return problem(412, 'Precondition failed', 'The record was changed by someone else since you read it', {
          type: 'precondition-failed',
          current_etag: '"v2"',
        })
      },
    })
    const user = userEvent.setup()
    renderPart(<StageEditor claimantId={7} />)

    await user.click(await screen.findByRole('button', { name: '段階を変更する' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('他の利用者が先に更新しました。最新の内容を読み込みました。')
    expect(stageShown()).toHaveTextContent('委任状受領')
    expect(requests.filter((r) => r.method === 'GET' && r.url.endsWith('/claimants/7'))).toHaveLength(2)
    expect(requests.find((r) => r.method === 'POST')!.headers.get('If-Match')).toBe('"v1"')
  })

  it('shows a viewer the stage without any control', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('viewer')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
    })
    const { queryClient } = renderPart(<StageEditor claimantId={7} />)

    await waitFor(() => expect(stageShown()).toHaveTextContent('委任契約書送付'))
    await whenSignedInUserKnown(queryClient)
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument()
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument()
    expect(screen.queryByRole('button')).not.toBeInTheDocument()
  })

  it('speaks English when switched', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('admin')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎'), '"v1"'),
    })
    renderPart(<StageEditor claimantId={7} />, 'en')

    const target = await screen.findByRole('combobox', { name: 'New stage' })
    expect(within(target).getByRole('option', { name: 'Intake (move back)' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Change stage' })).toBeInTheDocument()
    expect(screen.getByText('Stage').nextElementSibling).toHaveTextContent('Engagement contract sent')
  })
})
