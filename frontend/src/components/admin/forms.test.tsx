import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { renderApp, signIn } from '../../test/helpers'
import { renderPart } from '../claimant/testing'
import { adminKeys, useCaseRecord, useFilingSettings } from './adminQueries'
import { CaseForm } from './CaseForm'
import { FilingSettingsForm } from './FilingSettingsForm'
import { adminApi } from './testApi'

function CaseSettings() {
  const record = useCaseRecord(1)
  return record.data ? <CaseForm caseRecord={record.data.record} etag={record.data.etag} canWrite /> : null
}

function FilingSettings() {
  const filing = useFilingSettings(1)
  return filing.data ? <FilingSettingsForm caseId={1} settings={filing.data.record} etag={filing.data.etag} canWrite /> : null
}

describe('the proceeding form', () => {
  it('keeps what was typed when a member is added below, and saves it', async () => {
    signIn()
    const api = adminApi()
    const user = userEvent.setup()
    renderApp('/settings/case?proceeding=1')

    const panel = await screen.findByRole('region', { name: '「第1次調停」の申立人・原告' }, { timeout: 5000 })
    const edit = await screen.findByRole('form', { name: '「第1次調停」を編集' })
    const caseNumber = within(edit).getByRole('textbox', { name: '事件番号' })
    await user.type(caseNumber, '令和6年(ノ)第123号')
    await user.clear(within(edit).getByLabelText('申立・提訴日'))

    await user.type(within(panel).getByRole('searchbox', { name: '原告を検索して追加' }), '天満')
    await user.click(within(await within(panel).findByRole('list', { name: '検索結果' })).getByRole('button', { name: '追加（天満 次郎）' }))
    expect(await within(panel).findByRole('table', { name: '3名（番号順）' })).toBeInTheDocument()
    await waitFor(() => expect(api.sent('GET', '/proceedings/1').length).toBeGreaterThan(1))

    expect(caseNumber).toHaveValue('令和6年(ノ)第123号')
    expect(within(edit).getByLabelText('申立・提訴日')).toHaveValue('')
    await user.click(within(edit).getByRole('button', { name: '手続を保存' }))
    expect(await within(edit).findByText('保存しました。')).toBeInTheDocument()
    // only the member count had changed since the form opened: nobody's change is overwritten
    const [patch] = api.sent('PATCH', '/proceedings/1')
    expect(patch.headers.get('If-Match')).toBe('"p1-2"')
    expect(await patch.json()).toMatchObject({ case_number: '令和6年(ノ)第123号', filed_on: null })
  }, 20_000)

  it('sends the If-Match it opened on when someone else changed the proceeding, then shows it and says what changed', async () => {
    signIn()
    const api = adminApi()
    const user = userEvent.setup()
    renderApp('/settings/case?proceeding=1')

    const panel = await screen.findByRole('region', { name: '「第1次調停」の申立人・原告' }, { timeout: 5000 })
    const edit = await screen.findByRole('form', { name: '「第1次調停」を編集' })
    await user.type(within(edit).getByRole('textbox', { name: '事件番号' }), '令和6年(ノ)第123号')
    // another user moves the proceeding to another court; adding a member here reads the proceeding again
    api.state.proceedings = api.state.proceedings.map((p) => (p.id === 1 ? { ...p, court: '大阪地方裁判所' } : p))
    api.state.versions.set(1, 2)
    await user.type(within(panel).getByRole('searchbox', { name: '原告を検索して追加' }), '天満')
    await user.click(within(await within(panel).findByRole('list', { name: '検索結果' })).getByRole('button', { name: '追加（天満 次郎）' }))
    expect(await within(panel).findByRole('table', { name: '3名（番号順）' })).toBeInTheDocument()
    await waitFor(() => expect(api.sent('GET', '/proceedings/1').length).toBeGreaterThan(1))
    expect(within(edit).getByRole('textbox', { name: '事件番号' })).toHaveValue('令和6年(ノ)第123号')

    await user.click(within(edit).getByRole('button', { name: '手続を保存' }))
    const alert = await within(edit).findByRole('alert')
    expect(alert).toHaveTextContent('ほかの人が先に変更していたため保存しませんでした。')
    expect(alert).toHaveTextContent('ほかの人が変更した項目: 裁判所')
    expect(alert).toHaveTextContent('保存されなかったあなたの入力: 事件番号。')
    expect(api.sent('PATCH', '/proceedings/1')[0].headers.get('If-Match')).toBe('"p1-1"')
    expect(within(edit).getByRole('textbox', { name: '裁判所（必須）' })).toHaveValue('大阪地方裁判所')
    expect(within(edit).getByRole('textbox', { name: '事件番号' })).toHaveValue('')
    expect(api.state.proceedings.find((p) => p.id === 1)?.court).toBe('大阪地方裁判所')
  }, 20_000)
})

describe('the case form', () => {
  it('keeps what was typed when the case is read again, and a 412 shows the stored case and says what changed', async () => {
    signIn()
    const api = adminApi()
    const user = userEvent.setup()
    const { queryClient } = renderPart(<CaseSettings />)

    const form = await screen.findByRole('form', { name: '事件と被告' })
    const name = within(form).getByRole('textbox', { name: '被告の名称（必須）' })
    await user.clear(name)
    await user.type(name, '株式会社デモクラウド')
    api.state.case = { ...api.state.case, court: '東京地方裁判所' }
    api.state.caseVersion = 2
    await queryClient.refetchQueries({ queryKey: adminKeys.case(1) })
    expect(name).toHaveValue('株式会社デモクラウド')

    await user.click(within(form).getByRole('button', { name: '事件を保存' }))
    const alert = await within(form).findByRole('alert')
    // the admin's own notice, which already says what to do: not the claimant page's words nor its closing hint
    expect(alert).toHaveTextContent('ほかの人が先に変更していたため保存しませんでした。')
    expect(alert).not.toHaveTextContent('他の利用者が先に更新しました。')
    expect(alert).not.toHaveTextContent('内容を確認し、必要であればもう一度操作してください。')
    expect(alert).toHaveTextContent('ほかの人が変更した項目: 裁判所')
    expect(alert).toHaveTextContent('保存されなかったあなたの入力: 被告の名称。')
    expect(api.sent('PUT', '/cases/1')[0].headers.get('If-Match')).toBe('"case-1"')
    expect(within(form).getByRole('textbox', { name: '裁判所（必須）' })).toHaveValue('東京地方裁判所')
    expect(name).toHaveValue('株式会社デモシステム')

    await user.clear(name)
    await user.type(name, '株式会社デモクラウド')
    await user.click(within(form).getByRole('button', { name: '事件を保存' }))
    expect(await within(form).findByText('保存しました。')).toBeInTheDocument()
    expect(api.state.case).toMatchObject({ defendant_name: '株式会社デモクラウド', court: '東京地方裁判所' })
   }, 20_000)
})

describe('the filing settings form', () => {
  it('keeps what was typed when the settings are read again, and a 412 shows the stored ones and says what changed', async () => {
    signIn()
    const api = adminApi()
    const user = userEvent.setup()
    const { queryClient } = renderPart(<FilingSettings />)

    const form = await screen.findByRole('form', { name: '書面の文案と代理人' })
    const office = within(form).getByRole('textbox', { name: '事務所名' })
    await user.clear(office)
    await user.type(office, 'みなと総合法律事務所 大阪本部')
    api.state.filing = { ...api.state.filing, texts: { ...api.state.filing.texts, related_facts: '関連事件なし' } }
    api.state.filingVersion = 2
    await queryClient.refetchQueries({ queryKey: adminKeys.filing(1) })
    expect(office).toHaveValue('みなと総合法律事務所 大阪本部')

    await user.click(within(form).getByRole('button', { name: '文案と代理人を保存' }))
    const alert = await within(form).findByRole('alert')
    expect(alert).toHaveTextContent('ほかの人が変更した項目: 訴状 第3 関連事実')
    expect(alert).toHaveTextContent('保存されなかったあなたの入力: 代理人の事務所（送達場所）。')
    expect(api.sent('PUT', '/cases/1/filing-settings')[0].headers.get('If-Match')).toBe('"filing-1"')
    expect(office).toHaveValue('みなと総合法律事務所')
   }, 20_000)
})
