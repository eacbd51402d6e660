import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { intakeClaimant, principal } from '../../test/fixtures'
import { json, mockApi, problem, signIn } from '../../test/helpers'
import { DuplicateList } from './DuplicateList'
import { renderPart, versioned, whenSignedInUserKnown } from './testing'

const CLAIMANT = 'GET /claims-api/api/v1/claimants/7'
const flags = [
  { claimant_id: 12, reasons: ['registration_no', 'email'] },
  { claimant_id: 31, reasons: ['name_address'] },
]

describe('DuplicateList', () => {
  it('links each possible duplicate and dismisses one with If-Match', async () => {
    signIn()
    let open = flags
    const { requests } = mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎', { duplicates: open }), `"v${open.length}"`),
      'POST /claims-api/api/v1/claimants/7/duplicates/12/dismiss': () => {
        open = open.filter((d) => d.claimant_id !== 12)
        return json(intakeClaimant(7, '堺 三郎', { duplicates: open }))
      },
    })
    const user = userEvent.setup()
    renderPart(<DuplicateList claimantId={7} />)

    const link = await screen.findByRole('link', { name: '番号12（登録番号が同じ・メールアドレスが同じ）' })
    expect(link).toHaveAttribute('href', '/claimants/12')
    expect(screen.getByRole('link', { name: '番号31（氏名と住所がほぼ同じ）' })).toHaveAttribute('href', '/claimants/31')
    await user.click(screen.getByRole('button', { name: '重複ではない（番号12を重複候補から外す）' }))

    expect(await screen.findByText('番号12を重複候補から外しました。')).toHaveAttribute('role', 'status')
    expect(screen.queryByRole('link', { name: /番号12/ })).not.toBeInTheDocument()
    expect(screen.getByRole('link', { name: /番号31/ })).toBeInTheDocument()
    const post = requests.find((r) => r.method === 'POST')!
    expect(post.headers.get('If-Match')).toBe('"v2"')
  })

  it('shows the problem when the flag is gone', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('staff')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎', { duplicates: flags }), '"v1"'),
      'POST /claims-api/api/v1/claimants/7/duplicates/31/dismiss': () =>
        problem(404, 'Not found', 'open duplicate flag with claimant 31 does not exist'),
    })
    const user = userEvent.setup()
    renderPart(<DuplicateList claimantId={7} />)

    await user.click(await screen.findByRole('button', { name: /番号31を重複候補から外す/ }))
    expect(await screen.findByRole('alert')).toHaveTextContent('open duplicate flag with claimant 31 does not exist')
  })

  it('shows a viewer the links without dismiss buttons', async () => {
    signIn()
    mockApi({
      'GET /claims-api/api/v1/auth/me': () => json(principal('viewer')),
      [CLAIMANT]: () => versioned(intakeClaimant(7, '堺 三郎', { duplicates: flags }), '"v1"'),
    })
    const { queryClient } = renderPart(<DuplicateList claimantId={7} />)

    expect(await screen.findByRole('link', { name: /番号12/ })).toBeInTheDocument()
    await whenSignedInUserKnown(queryClient)
    expect(screen.queryByRole('button')).not.toBeInTheDocument()
  })
})
