import type { MessageKey } from '../../i18n/messages'

/** The claimant's profile fields as the page labels them: the profile form, and the change history. */
export const PROFILE_FIELD_LABELS = {
  name: 'claimant.name',
  name_kana: 'claimant.nameKana',
  kind: 'claimant.kind',
  office_name: 'claimant.office',
  representative: 'claimantPage.profile.representative',
  registration_no: 'claimant.registrationNo',
  postal_code: 'claimant.postalCode',
  address: 'claimant.address',
  email: 'claimant.email',
  phone: 'claimant.phone',
  contract_type: 'claimant.contractType',
  customer_status: 'claimant.customerStatus',
  service_usable_on: 'claimant.usableOn',
  insured: 'claimantPage.profile.insured',
  insurance_plan: 'claimantPage.profile.plan',
  insurer: 'claimant.insurer',
  reminder_consent: 'claimant.reminderConsent',
  insurer_sharing_consent: 'claimant.insurerConsent',
} as const satisfies Record<string, MessageKey>
