import { useI18n } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { STEPS, type Step } from './campaigns'

const LABELS: Record<Step, MessageKey> = {
  content: 'campaigns.step.content',
  recipients: 'campaigns.step.recipients',
  confirm: 'campaigns.step.confirm',
  send: 'campaigns.step.send',
}

/** 内容 → 名簿 → 確認 → 送信: an ordered list, the current step marked with aria-current="step", the ones before done. */
export function StepIndicator({ current }: { current: Step }) {
  const { t } = useI18n()
  const at = STEPS.indexOf(current)
  return (
    <nav aria-label={t('campaigns.step.label')} className="steps">
      <ol>
        {STEPS.map((step, i) => {
          const state = i < at ? 'done' : i === at ? 'current' : 'todo'
          return (
            <li key={step} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              {i > 0 && (
                <span className="step-arrow" aria-hidden="true">
                  →
                </span>
              )}
              <span className="step-pill">
                <span className="step-number" aria-hidden="true">
                  {i + 1}
                </span>
                {t(LABELS[step])}
                {state === 'done' && <span className="visually-hidden">{t('campaigns.step.done')}</span>}
              </span>
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
