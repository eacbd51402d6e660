from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response, status
from pydantic import AwareDatetime

from bengodan_common.errors import Invalid
from claims_api.partner import service
from claims_api.partner.deps import ClaimsReader, PartnerSession, SettlementWriter, StrictQuery
from claims_api.partner.schemas import (
    CLAIM_PARTS,
    ChangePage,
    ClaimPage,
    PartnerClaim,
    PartnerDamageItem,
    SettlementCreate,
)

router = APIRouter(dependencies=[StrictQuery])

FIELDS_DESCRIPTION = (
    f"comma-separated parts of each claim: {', '.join(CLAIM_PARTS)} (all when omitted); id and updated_at always"
)


def _parts(fields: str | None) -> list[str]:
    if fields is None:
        return list(CLAIM_PARTS)
    wanted = [f.strip() for f in fields.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in CLAIM_PARTS]
    if unknown:
        raise Invalid("fields", f"unknown: {', '.join(unknown)}; choose from {', '.join(CLAIM_PARTS)}")
    return [p for p in CLAIM_PARTS if p in wanted]


def _links(request: Request) -> service.ExhibitLinks:
    settings = request.app.state.settings
    return service.ExhibitLinks(
        s3_public=request.app.state.s3_public,
        s3=settings.s3,
        ttl_seconds=settings.partner.download_link_seconds,
    )


@router.get("/claims", response_model=ClaimPage, response_model_exclude_unset=True, summary="Claims, a page at a time")
def list_claims(
    request: Request,
    session: PartnerSession,
    partner: ClaimsReader,
    limit: Annotated[int, Query(ge=1, le=100, description="page size")] = 25,
    fields: Annotated[str | None, Query(description=FIELDS_DESCRIPTION, max_length=200)] = None,
    updated_since: Annotated[
        AwareDatetime | None, Query(description="only claims changed at or after this time (ISO 8601 with offset)")
    ] = None,
    after: Annotated[str | None, Query(description="from `next`; you need not build it", max_length=100)] = None,
) -> ClaimPage:
    """The claims of the claimants who share them with you, in a stable order. Follow `next` to the end."""
    parts = _parts(fields)
    after_id = service.decode_cursor("a", after, field="after") if after else None
    claims, last_id = service.list_claims(
        session=session,
        partner=partner,
        parts=parts,
        limit=limit,
        after_id=after_id,
        updated_since=updated_since,
        links=_links(request),
    )
    next_url = None
    if last_id is not None:
        next_url = str(request.url.include_query_params(after=service.encode_cursor("a", last_id)))
    return ClaimPage(items=claims, next=next_url)


@router.get(
    "/claims/{claim_id}",
    response_model=PartnerClaim,
    response_model_exclude_unset=True,
    summary="One claim (ETag; If-None-Match gives 304 when unchanged)",
    responses={304: {"description": "Not modified: the claim is as you have it (its download links may have expired)"}},
)
def get_claim(
    request: Request,
    response: Response,
    session: PartnerSession,
    partner: ClaimsReader,
    claim_id: int,
    fields: Annotated[str | None, Query(description=FIELDS_DESCRIPTION, max_length=200)] = None,
    if_none_match: Annotated[str | None, Header()] = None,
) -> PartnerClaim | Response:
    parts = _parts(fields)
    if if_none_match is not None:
        etag = service.current_etag(session=session, partner=partner, claim_id=claim_id, parts=parts)
        if etag in {t.strip().removeprefix("W/") for t in if_none_match.split(",")} or if_none_match.strip() == "*":
            service.record_not_modified(session=session, partner=partner, claim_id=claim_id, parts=parts)
            return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
    claim, etag = service.get_claim(
        session=session, partner=partner, claim_id=claim_id, parts=parts, links=_links(request)
    )
    response.headers["ETag"] = etag
    return claim


@router.get("/changes", response_model=ChangePage, summary="The change feed")
def list_changes(
    session: PartnerSession,
    partner: ClaimsReader,
    cursor: Annotated[
        str | None, Query(description="`next_cursor` of the last page; omit to start", max_length=100)
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> ChangePage:
    """Every change to a claim you may see, once, in the order it was committed. `updated`: fetch the claim;
    `access_ended`: the claimant withdrew consent or its policy is no longer with you — delete what you hold."""
    after = service.decode_cursor("c", cursor, field="cursor") if cursor else 0
    return service.changes(session=session, partner=partner, after=after, limit=limit)


@router.post(
    "/claims/{claim_id}/damage-items/{item_id}/settlement",
    response_model=PartnerDamageItem,
    status_code=status.HTTP_201_CREATED,
    summary="Record your payment of an item claimed from you",
    responses={200: {"description": "The same payment was recorded before", "model": PartnerDamageItem}},
)
def settle(
    response: Response,
    session: PartnerSession,
    partner: SettlementWriter,
    claim_id: int,
    item_id: int,
    data: SettlementCreate,
) -> PartnerDamageItem:
    """The item is then marked paid by the insurer, with subrogation (代位求償) noted; it stays out of the vendor
    claim. Posting the same payment again is safe."""
    item, created = service.settle(session=session, partner=partner, claim_id=claim_id, item_id=item_id, data=data)
    if not created:
        response.status_code = status.HTTP_200_OK
    return item
