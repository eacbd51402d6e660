// The words of one area of the SPA; messages.ts merges every area into the two dictionaries.
// forms: what the claimant page's forms say after someone else's change (412), and the exhibits' group without a slot.
export const ja = {
  'forms.conflict.separator': '、',
  'forms.conflict.theirs': 'ほかの人が変更した項目: {fields}',
  'forms.conflict.yours': '保存されなかったあなたの入力: {fields}。表示中の最新の内容を確認し、必要であればもう一度入力してください。',
  'forms.conflict.kept': 'このフォームの項目は変更されていないため、入力した内容はそのまま残しています。もう一度保存してください。',
  'forms.exhibit.conflict': 'ほかの人がこの証拠を先に変更していたため、保存しませんでした。',
  'forms.exhibits.noSlot': '区分なし',
  'forms.exhibits.noSlotHint': '損害一覧の証拠欄（甲＿の1〜6）に割り当てられていない証拠です。',
} as const

export const en: Record<keyof typeof ja, string> = {
  'forms.conflict.separator': ', ',
  'forms.conflict.theirs': 'Changed by someone else: {fields}',
  'forms.conflict.yours': 'Your entries that were not saved: {fields}. Check the latest version shown and enter them again if still needed.',
  'forms.conflict.kept': 'None of the fields of this form were changed, so what you entered is kept. Save it again.',
  'forms.exhibit.conflict': 'Someone else changed this exhibit first, so your changes were not saved.',
  'forms.exhibits.noSlot': 'No slot',
  'forms.exhibits.noSlotHint': 'Exhibits not assigned to a slot of the damage schedule (Kō _ no 1–6).',
}
