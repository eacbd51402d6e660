import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'

export interface ConfirmInlineProps {
  /** what the button that asks says (text, and e.g. a visually hidden name of what it acts on) */
  trigger: ReactNode
  /** the question (or the title of a longer confirmation): names the group */
  question: ReactNode
  confirmLabel: ReactNode
  cancelLabel: ReactNode
  /** called when the confirm button is pressed, not while `pending` */
  onConfirm: () => void
  /** the request runs: the confirm button (and the trigger) are aria-disabled and ignore presses */
  pending?: boolean
  /** what the confirm button says while pending; its label otherwise */
  pendingLabel?: ReactNode
  /** the confirm button, and the trigger unless `triggerClassName` is given, in the danger style */
  danger?: boolean
  triggerClassName?: string
  /** the trigger is aria-disabled and does not open the question */
  disabled?: boolean
  /** controlled: whether the question is shown instead of the trigger; the trigger and cancel call `onOpenChange` */
  open?: boolean
  onOpenChange?: (open: boolean) => void
  /** 'submit': the trigger submits its form, whose handler opens the question (so Enter in a field asks too) */
  triggerType?: 'button' | 'submit'
  /** the element of the question: a heading for a longer confirmation with details */
  questionAs?: 'p' | 'h3' | 'h4'
  /** what takes the focus when the question opens: the confirm button, or the question (to read the details first) */
  initialFocus?: 'confirm' | 'question'
  /** the group's class ('warning' unless given) */
  className?: string
  /** more of the confirmation, between the question and the buttons */
  children?: ReactNode
}

/**
 * An inline "are you sure": a button that turns into a group named by its question, with confirm and cancel buttons.
 * The focus goes to the confirm button (or the question) when it opens, and back to the button when it is cancelled
 * (cancel or Escape). It stays open while the request runs and after an error; the caller closes it on success
 * (controlled `open`) or removes it.
 */
export function ConfirmInline({
  trigger,
  question,
  confirmLabel,
  cancelLabel,
  onConfirm,
  pending = false,
  pendingLabel,
  danger = false,
  triggerClassName,
  disabled = false,
  open: controlled,
  onOpenChange,
  triggerType = 'button',
  questionAs: Question = 'p',
  initialFocus = 'confirm',
  className = 'warning',
  children,
}: ConfirmInlineProps) {
  const id = useId()
  const [own, setOwn] = useState(false)
  const open = controlled ?? own
  const triggerRef = useRef<HTMLButtonElement>(null)
  const confirmRef = useRef<HTMLButtonElement>(null)
  const questionRef = useRef<HTMLElement | null>(null)
  // set when the question is dismissed: the trigger takes the focus back when it is shown again
  const returnFocus = useRef(false)

  useEffect(() => {
    if (open) {
      const target = initialFocus === 'question' ? questionRef.current : confirmRef.current
      target?.focus()
    } else if (returnFocus.current) {
      returnFocus.current = false
      triggerRef.current?.focus()
    }
  }, [open, initialFocus])

  function setOpen(next: boolean) {
    if (controlled === undefined) setOwn(next)
    onOpenChange?.(next)
  }

  function cancel() {
    returnFocus.current = true
    setOpen(false)
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Escape') return
    event.stopPropagation()
    cancel()
  }

  if (!open) {
    const inactive = disabled || pending
    return (
      <button
        type={triggerType}
        ref={triggerRef}
        className={(triggerClassName ?? (danger ? 'danger' : '')) || undefined}
        aria-disabled={inactive || undefined}
        onClick={(event) => {
          if (inactive) event.preventDefault()
          else if (triggerType === 'button') setOpen(true)
        }}
      >
        {trigger}
      </button>
    )
  }

  return (
    <div role="group" aria-labelledby={`${id}-question`} className={`confirm-inline ${className}`} onKeyDown={onKeyDown}>
      <Question
        id={`${id}-question`}
        ref={(element: HTMLElement | null) => {
          questionRef.current = element
        }}
        tabIndex={initialFocus === 'question' ? -1 : undefined}
      >
        {question}
      </Question>
      {children}
      <div className="actions">
        <button
          type="button"
          ref={confirmRef}
          className={danger ? 'danger' : undefined}
          aria-disabled={pending || undefined}
          onClick={() => {
            if (!pending) onConfirm()
          }}
        >
          {pending && pendingLabel !== undefined ? pendingLabel : confirmLabel}
        </button>{' '}
        <button type="button" className="secondary" onClick={cancel}>
          {cancelLabel}
        </button>
      </div>
    </div>
  )
}
