import type { DraftDefaults, InputsDraft } from '../drafts'
import { FeeDifferenceInputs } from './FeeDifferenceInputs'
import { FeeIncreaseInputs } from './FeeIncreaseInputs'
import { OnpremCostInputs } from './OnpremCostInputs'
import { OtherLossInputs } from './OtherLossInputs'
import { ReputationInputs } from './ReputationInputs'
import { StaffCostInputs } from './StaffCostInputs'

/** The inputs of the item's head. */
export function HeadInputs({ value, onChange, defaults }: { value: InputsDraft; onChange: (value: InputsDraft) => void; defaults: DraftDefaults }) {
  switch (value.head) {
    case 'staff_cost':
      return <StaffCostInputs value={value} onChange={onChange} />
    case 'onprem_cost':
      return <OnpremCostInputs value={value} onChange={onChange} />
    case 'fee_difference':
      return <FeeDifferenceInputs value={value} onChange={onChange} defaults={defaults} />
    case 'reputation':
      return <ReputationInputs value={value} onChange={onChange} />
    case 'other_loss':
      return <OtherLossInputs value={value} onChange={onChange} />
    case 'fee_increase_refund':
      return <FeeIncreaseInputs value={value} onChange={onChange} />
  }
}
