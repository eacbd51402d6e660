"""The claimant's stages, its intake checklist and what each stage requires (pure rules, no queries)."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    intake = "intake"
    schedule_received = "schedule_received"
    schedule_checked = "schedule_checked"
    engagement_sent = "engagement_sent"
    engagement_signed = "engagement_signed"
    poa_received = "poa_received"
    originals_received = "originals_received"
    ready_to_file = "ready_to_file"
    filed = "filed"


STAGE_ORDER: list[Stage] = list(Stage)

STAGE_LABELS: dict[Stage, str] = {
    Stage.intake: "受付",
    Stage.schedule_received: "損害一覧受領",
    Stage.schedule_checked: "損害一覧確認済",
    Stage.engagement_sent: "委任契約書送付",
    Stage.engagement_signed: "委任契約締結",
    Stage.poa_received: "委任状受領",
    Stage.originals_received: "原本受領",
    Stage.ready_to_file: "提出準備完了",
    Stage.filed: "提出済",
}


class ChecklistItem(StrEnum):
    damage_schedule = "damage_schedule"
    engagement_contract_signed = "engagement_contract_signed"
    power_of_attorney = "power_of_attorney"
    originals = "originals"
    insurance_policy = "insurance_policy"  # only for insured claimants


CHECKLIST_LABELS: dict[ChecklistItem, str] = {
    ChecklistItem.damage_schedule: "損害一覧表",
    ChecklistItem.engagement_contract_signed: "委任契約書（署名済）",
    ChecklistItem.power_of_attorney: "委任状",
    ChecklistItem.originals: "原本",
    ChecklistItem.insurance_policy: "保険証券",
}

BASE_ITEMS: list[ChecklistItem] = [
    ChecklistItem.damage_schedule,
    ChecklistItem.engagement_contract_signed,
    ChecklistItem.power_of_attorney,
    ChecklistItem.originals,
]

# The item each stage adds to what earlier stages require; ready_to_file and later need every item.
_STAGE_ADDS: dict[Stage, ChecklistItem] = {
    Stage.schedule_received: ChecklistItem.damage_schedule,
    Stage.engagement_signed: ChecklistItem.engagement_contract_signed,
    Stage.poa_received: ChecklistItem.power_of_attorney,
    Stage.originals_received: ChecklistItem.originals,
}


def applicable_items(*, insured: bool) -> list[ChecklistItem]:
    return [*BASE_ITEMS, ChecklistItem.insurance_policy] if insured else list(BASE_ITEMS)


def stage_index(stage: Stage | str) -> int:
    return STAGE_ORDER.index(Stage(stage))


def complete_file_required(stage: Stage) -> bool:
    """From ready_to_file on, every checklist item and no open deficiency."""
    return stage_index(stage) >= stage_index(Stage.ready_to_file)


def required_items(stage: Stage, *, insured: bool) -> list[ChecklistItem]:
    """The checklist items that must be received before a claimant may be at `stage`."""
    if complete_file_required(stage):
        return applicable_items(insured=insured)
    upto = STAGE_ORDER[: stage_index(stage) + 1]
    return [item for s, item in _STAGE_ADDS.items() if s in upto]
