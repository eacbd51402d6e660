"""What a render job makes: the data it reads from claims-api (the breach notices: the request's own content) and
the parts it renders.

A plan is made in the worker thread (it reads claims-api over HTTP); its parts are rendered in the render
processes (they only need the snapshots, which pickle). A part is one file of the result, or one chunk of a
merged PDF (a bundle's 損害一覧 are rendered 10 claimants at a time and merged, never laid out at once; breach
notice letters 50 at a time).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bengodan_common.japanese import TOKYO
from docs_render.claims.client import ClaimsApi
from docs_render.claims.schemas import (
    ClaimTable,
    Exhibit,
    FilingFee,
    FilingSettings,
    Parties,
    ProceedingSnapshot,
    ScheduleEntry,
)
from docs_render.filings.mints import party_list_csv
from docs_render.renders.models import RenderJob
from docs_render.renders.schemas import Notice

# Small enough that the render processes finish together (the last chunk is what the job waits for alone) and
# that a chunk's layout stays small in memory; each chunk's PDF carries its own font subset (about 45 KiB).
SCHEDULES_PER_CHUNK = 10
# Breach notice letters rendered in one part (one render process), the parts then merged. WeasyPrint holds every
# letter's layout until the part is written: about 4 MB a letter (2 pages), so 50 letters peak near 300 MB per
# process (200 would be 850 MB, past the bundle's 1 GB budget for the service on two cores).
LETTERS_PER_CHUNK = 50

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP = "application/zip"
CSV = "text/csv"


class PlanError(ValueError):
    """The job cannot be made from these records (wrong kind of proceeding, missing member…); the message is
    safe to show and to store as the failure reason."""


@dataclass(frozen=True)
class Part:
    """One file of the result (or one chunk of a merged PDF): `builder` names the document's HTML function
    in `docs_render.filings.builders`, called once per entry of `calls` (several calls: one PDF of several
    documents, each with its own page numbers)."""

    builder: str
    calls: list[dict[str, Any]]
    filename: str  # as the lawyers see it, at most 50 characters (mints)
    stem: str  # ASCII

    @property
    def documents(self) -> int:
        return len(self.calls)


@dataclass(frozen=True)
class Plan:
    parts: list[Part]
    # "single": the one part is the result; "merged": the parts' PDFs in one; "zip": every part a file
    container: str
    download_name: str
    stem: str
    exhibits_to_verify: list[Exhibit] = field(default_factory=list)
    extra_files: list[tuple[str, bytes]] = field(default_factory=list)  # (name, content) added to a ZIP

    @property
    def documents(self) -> int:
        return sum(part.documents for part in self.parts)


# ---- reading claims-api ---------------------------------------------------------------------------------


def _proceeding_id(job: RenderJob) -> int:
    if job.proceeding_id is None:  # RenderCreate requires it for these documents
        raise PlanError(f"{job.document} needs a proceeding")
    return job.proceeding_id


def _claimant_id(job: RenderJob) -> int:
    if job.claimant_id is None:
        raise PlanError(f"{job.document} needs a claimant")
    return job.claimant_id


def _parties(job: RenderJob, claims: ClaimsApi) -> Parties:
    return claims.parties(case_id=job.case_id, proceeding_id=_proceeding_id(job))


def _schedules(job: RenderJob, claims: ClaimsApi) -> list[ScheduleEntry]:
    return claims.damage_schedules(case_id=job.case_id, proceeding_id=_proceeding_id(job))


def parties_title(parties: Parties) -> str:
    """「原告　山田太郎ほか150名」: how a filing names many parties in one line."""
    word = "申立人" if parties.proceeding.kind == "mediation" else "原告"
    if not parties.plaintiffs:
        return word
    first, others = parties.plaintiffs[0].name, len(parties.plaintiffs) - 1
    return f"{word}　{first}" + (f"ほか{others}名" if others else "")


def _chunks(entries: list[ScheduleEntry], parties: Parties, filename: str = "損害一覧.pdf") -> list[Part]:
    parts = []
    for start in range(0, len(entries), SCHEDULES_PER_CHUNK):
        chunk = entries[start : start + SCHEDULES_PER_CHUNK]
        parts.append(
            Part(
                "damage-schedule",
                [{"entry": e, "case": parties.case, "proceeding": parties.proceeding} for e in chunk],
                filename=filename,
                stem=f"damage-schedules-{start + 1}-{start + len(chunk)}",
            )
        )
    return parts


def _require_kind(proceeding: ProceedingSnapshot, kind: str, document: str) -> None:
    if proceeding.kind != kind:
        word = {"lawsuit": "a lawsuit", "mediation": "a mediation"}[kind]
        raise PlanError(f"{document} is made for {word}; proceeding {proceeding.id} is a {proceeding.kind}")


# ---- the documents --------------------------------------------------------------------------------------

Planner = Callable[[RenderJob, ClaimsApi], Plan]


def _single(part: Part, job: RenderJob) -> Plan:
    extension = "docx" if job.format == "docx" else "pdf"
    name = part.filename.rsplit(".", 1)[0]
    return Plan([part], "single", f"{name}.{extension}", part.stem)


@dataclass(frozen=True)
class _Filing:
    """What the complaint or the mediation petition of a proceeding prints, read once."""

    parties: Parties
    settings: FilingSettings
    table: ClaimTable
    fee: FilingFee
    exhibits: list[Exhibit]


def _filing(job: RenderJob, claims: ClaimsApi) -> _Filing:
    proceeding_id = _proceeding_id(job)
    return _Filing(
        parties=_parties(job, claims),
        settings=claims.filing_settings(job.case_id),
        table=claims.claim_table(case_id=job.case_id, proceeding_id=proceeding_id),
        fee=claims.filing_fee(case_id=job.case_id, proceeding_id=proceeding_id),
        exhibits=claims.exhibits(case_id=job.case_id, proceeding_id=proceeding_id),
    )


def _filing_call(filing: _Filing) -> dict[str, Any]:
    return {
        "parties": filing.parties,
        "settings": filing.settings,
        "table": filing.table,
        "fee": filing.fee,
        "exhibits": filing.exhibits,
    }


def _complaint_part(job: RenderJob, filing: _Filing, filename: str = "訴状.pdf") -> Part:
    _require_kind(filing.parties.proceeding, "lawsuit", "the complaint")
    call = {**_filing_call(filing), "form": job.complaint_form or "paragraphs"}
    return Part("complaint", [call], filename, "complaint")


def _petition_part(filing: _Filing) -> Part:
    _require_kind(filing.parties.proceeding, "mediation", "the mediation petition")
    return Part("mediation-petition", [_filing_call(filing)], "調停申立書.pdf", "mediation-petition")


def plan_complaint(job: RenderJob, claims: ClaimsApi) -> Plan:
    filing = _filing(job, claims)
    plan = _single(_complaint_part(job, filing), job)
    plan.exhibits_to_verify.extend(filing.exhibits)
    return plan


def plan_mediation_petition(job: RenderJob, claims: ClaimsApi) -> Plan:
    filing = _filing(job, claims)
    plan = _single(_petition_part(filing), job)
    plan.exhibits_to_verify.extend(filing.exhibits)
    return plan


def plan_claim_table(job: RenderJob, claims: ClaimsApi) -> Plan:
    parties = _parties(job, claims)
    table = claims.claim_table(case_id=job.case_id, proceeding_id=_proceeding_id(job))
    return _single(Part("claim-table", [{"parties": parties, "table": table}], "請求一覧.pdf", "claim-table"), job)


def plan_party_list(job: RenderJob, claims: ClaimsApi) -> Plan:
    parties = _parties(job, claims)
    settings = claims.filing_settings(job.case_id)
    call = {"parties": parties, "settings": settings}
    return _single(Part("party-list", [call], "当事者目録.pdf", "party-list"), job)


def _evidence_list_part(job: RenderJob, claims: ClaimsApi, settings: FilingSettings) -> tuple[Part, list[Exhibit]]:
    case = claims.case(job.case_id)
    proceeding: ProceedingSnapshot | None = None
    if job.proceeding_id is not None:
        parties = _parties(job, claims)
        proceeding, title = parties.proceeding, parties_title(parties)
        exhibits = claims.exhibits(case_id=job.case_id, proceeding_id=job.proceeding_id)
    else:
        claimant = claims.claimant(_claimant_id(job))
        title = claimant.name
        exhibits = claims.exhibits(case_id=job.case_id, claimant_id=claimant.id)
    call = {
        "exhibits": exhibits,
        "case": case,
        "proceeding": proceeding,
        "parties_title": title,
        "settings": settings,
    }
    return Part("evidence-list", [call], "証拠説明書.pdf", "evidence-list"), exhibits


def plan_evidence_list(job: RenderJob, claims: ClaimsApi) -> Plan:
    part, exhibits = _evidence_list_part(job, claims, claims.filing_settings(job.case_id))
    plan = _single(part, job)
    plan.exhibits_to_verify.extend(exhibits)
    return plan


def _one_schedule(job: RenderJob, claims: ClaimsApi) -> tuple[ScheduleEntry, Any, ProceedingSnapshot | None]:
    claimant_id = _claimant_id(job)
    if job.proceeding_id is None:
        data = claims.damage_schedule(case_id=job.case_id, claimant_id=claimant_id)
        entry = ScheduleEntry(number=None, claimant=data.claimant, items=data.items, summary=data.summary)
        return entry, data.case, None
    parties = claims.parties(case_id=job.case_id, proceeding_id=job.proceeding_id, claimant_id=claimant_id)
    member = next(iter(parties.plaintiffs), None)
    if member is None:
        raise PlanError(f"claimant {claimant_id} is not a member of proceeding {job.proceeding_id}")
    data = claims.damage_schedule(case_id=job.case_id, claimant_id=claimant_id)
    entry = ScheduleEntry(number=member.number, claimant=data.claimant, items=data.items, summary=data.summary)
    return entry, parties.case, parties.proceeding


def plan_damage_schedule(job: RenderJob, claims: ClaimsApi) -> Plan:
    entry, case, proceeding = _one_schedule(job, claims)
    call = {"entry": entry, "case": case, "proceeding": proceeding}
    word = "申立人" if proceeding is not None and proceeding.kind == "mediation" else "原告"
    name = f"損害一覧_{word}{entry.number}.pdf" if entry.number is not None else f"損害一覧_{entry.claimant.name}.pdf"
    return _single(Part("damage-schedule", [call], name, f"damage-schedule-claimant-{entry.claimant.id}"), job)


def _claimant_document(builder: str, filename: str, job: RenderJob, claims: ClaimsApi) -> Plan:
    claimant = claims.claimant(_claimant_id(job))
    if claimant.case_id != job.case_id:
        raise PlanError(f"claimant {claimant.id} does not belong to case {job.case_id}")
    call: dict[str, Any] = {
        "claimant": claimant,
        "case": claims.case(job.case_id),
        "settings": claims.filing_settings(job.case_id),
    }
    if builder == "power-of-attorney":
        call["proceeding"] = _parties(job, claims).proceeding if job.proceeding_id is not None else None
    name = f"{filename}_{claimant.name}.pdf"
    return _single(Part(builder, [call], name, f"{builder}-claimant-{claimant.id}"), job)


def plan_engagement_contract(job: RenderJob, claims: ClaimsApi) -> Plan:
    return _claimant_document("engagement-contract", "訴訟委任契約書", job, claims)


def plan_power_of_attorney(job: RenderJob, claims: ClaimsApi) -> Plan:
    return _claimant_document("power-of-attorney", "委任状", job, claims)


def plan_complaint_bundle(job: RenderJob, claims: ClaimsApi) -> Plan:
    """The complaint (for a mediation: the petition) with its 請求一覧, 当事者目録 and every member's 損害一覧, in
    one PDF."""
    filing = _filing(job, claims)
    parties = filing.parties
    mediation = parties.proceeding.kind == "mediation"
    parts = [
        _petition_part(filing) if mediation else _complaint_part(job, filing),
        Part("claim-table", [{"parties": parties, "table": filing.table}], "請求一覧.pdf", "claim-table"),
        Part("party-list", [{"parties": parties, "settings": filing.settings}], "当事者目録.pdf", "party-list"),
        *_chunks(_schedules(job, claims), parties),
    ]
    name = "調停申立書一式.pdf" if mediation else "訴状一式.pdf"
    return Plan(parts, "merged", name, "filing-bundle", exhibits_to_verify=filing.exhibits)


def plan_mints_package(job: RenderJob, claims: ClaimsApi) -> Plan:
    """What mints takes at filing: the PDFs (names of at most 50 characters), the parties as CSV, and the
    証拠説明書. Exhibit files themselves are uploaded after the court opens the case, so they are not in it."""
    filing = _filing(job, claims)
    parties = filing.parties
    evidence, exhibits = _evidence_list_part(job, claims, filing.settings)
    # In a ZIP, parts with the same file name are merged into that one PDF.
    schedules = _chunks(_schedules(job, claims), parties, "05_別紙損害一覧.pdf")
    parts = [
        _complaint_part(job, filing, "01_訴状.pdf"),
        Part("claim-table", [{"parties": parties, "table": filing.table}], "02_別紙請求一覧.pdf", "claim-table"),
        Part("party-list", [{"parties": parties, "settings": filing.settings}], "03_別紙当事者目録.pdf", "party-list"),
        Part(evidence.builder, evidence.calls, "04_証拠説明書.pdf", "evidence-list"),
        *schedules,
    ]
    return Plan(
        parts,
        "zip",
        "mints提出用.zip",
        "mints-package",
        exhibits_to_verify=exhibits,
        extra_files=[("06_当事者一覧.csv", party_list_csv(parties, filing.settings))],
    )


# ---- the notices of a breach of personal data: what the request carried, nothing from claims-api ------------


def _notice(job: RenderJob) -> Notice:
    if job.notice is None:  # RenderCreate requires it for these documents
        raise PlanError(f"{job.document} needs the notice's content")
    return Notice.model_validate(job.notice)


def plan_breach_notice_letter(job: RenderJob, claims: ClaimsApi) -> Plan:
    """One letter per recipient, each with its own page numbers, in one PDF: LETTERS_PER_CHUNK letters to a part,
    the parts rendered side by side in the render processes and merged. A DOCX is one letter."""
    notice = _notice(job)
    recipients = notice.recipients or []
    if not recipients:
        raise PlanError("breach-notice-letter needs at least one recipient")
    if job.format == "docx" and len(recipients) != 1:
        raise PlanError(f"a DOCX holds one letter, not {len(recipients)}")
    # Each call carries the notice without the recipients: a letter cannot print anyone else, and a part does
    # not pickle thousands of addresses to its render process.
    letter = notice.model_copy(update={"recipients": None})
    name = f"個人情報に関するお知らせ_{len(recipients)}名.pdf"
    parts = []
    for start in range(0, len(recipients), LETTERS_PER_CHUNK):
        chunk = recipients[start : start + LETTERS_PER_CHUNK]
        calls: list[dict[str, Any]] = [{"notice": letter, "recipient": recipient} for recipient in chunk]
        parts.append(
            Part("breach-notice-letter", calls, name, f"breach-notice-letters-{start + 1}-{start + len(chunk)}")
        )
    if len(parts) == 1:
        return _single(Part(parts[0].builder, parts[0].calls, name, "breach-notice-letters"), job)
    return Plan(parts, "merged", name, "breach-notice-letters")


def plan_public_notice(job: RenderJob, claims: ClaimsApi) -> Plan:
    notice = _notice(job)
    return _single(Part("public-notice", [{"notice": notice}], "公表文.pdf", "public-notice"), job)


PLANNERS: dict[str, Planner] = {
    "complaint": plan_complaint,
    "claim-table": plan_claim_table,
    "party-list": plan_party_list,
    "mediation-petition": plan_mediation_petition,
    "evidence-list": plan_evidence_list,
    "damage-schedule": plan_damage_schedule,
    "engagement-contract": plan_engagement_contract,
    "power-of-attorney": plan_power_of_attorney,
    "complaint-bundle": plan_complaint_bundle,
    "mints-package": plan_mints_package,
    "breach-notice-letter": plan_breach_notice_letter,
    "public-notice": plan_public_notice,
}


def made_on(job: RenderJob) -> date:
    """The date printed on the documents: the day the job was requested, in Japan."""
    return job.created_at.astimezone(TOKYO).date()
