// The words of one area of the SPA; messages.ts merges every area into the two dictionaries.
export const ja = {
  'casePicker.label': '事件',
  'casePicker.option': '{name}（{number}）',
}

export const en: Record<keyof typeof ja, string> = {
  'casePicker.label': 'Case',
  'casePicker.option': '{name} ({number})',
}
