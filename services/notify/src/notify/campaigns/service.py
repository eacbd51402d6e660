from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from notify.campaigns.deadlines import report_deadlines
from notify.campaigns.models import Campaign
from notify.campaigns.schemas import CampaignCreate, CampaignRead


def read(campaign: Campaign) -> CampaignRead:
    deadlines = report_deadlines(campaign.became_known_on, unlawful_purpose=campaign.unlawful_purpose)
    return CampaignRead.model_validate({**campaign.model_dump(), "deadlines": deadlines})


def create(*, session: Session, data: CampaignCreate, actor: Principal) -> Campaign:
    campaign = Campaign(
        **data.model_dump(mode="json", exclude={"became_known_on"}),
        became_known_on=data.became_known_on,
        created_by=actor.sub,
    )
    session.add(campaign)
    session.flush()
    return campaign


def get(*, session: Session, campaign_id: int) -> Campaign | None:
    return session.get(Campaign, campaign_id)


def list_campaigns(
    *, session: Session, case_id: int | None, claimant_id: int | None, limit: int, offset: int
) -> tuple[list[Campaign], int]:
    """A page of campaigns, newest first, and how many match in all. A case's list leaves out the campaigns with no
    case_id (made before it was asked): they belong to no case, and only the unfiltered list shows them."""
    filters = []
    if case_id is not None:
        filters.append(col(Campaign.case_id) == case_id)
    if claimant_id is not None:
        filters.append(col(Campaign.claimant_id) == claimant_id)
    query = select(Campaign).where(*filters).order_by(col(Campaign.id).desc()).limit(limit).offset(offset)
    count = select(func.count()).select_from(Campaign).where(*filters)
    return list(session.exec(query).all()), session.exec(count).one()
