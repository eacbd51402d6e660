from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from bengodan_common.notices import (
    DEFAULT_NOTICE_TITLE,
    MAX_DATA_ITEMS,
    Address,
    ItemKey,
    LongText,
    Name,
    NoticeContact,
    NoticeDataItem,
    NoticeSender,
    OptionalLongText,
    OptionalPostalCode,
    text,
)
from docs_render.renders.documents import AVAILABLE, DocumentKind

FileFormat = Literal["pdf", "docx", "zip"]
RenderStatus = Literal["queued", "running", "succeeded", "failed"]

NOT_AVAILABLE = "not available yet"
# Documents about one claimant, and documents of a proceeding (the 証拠説明書 takes either).
PER_CLAIMANT = frozenset({"damage-schedule", "engagement-contract", "power-of-attorney"})
WITH_COMPLAINT = frozenset({"complaint", "complaint-bundle", "mints-package"})
PER_PROCEEDING = frozenset(
    {"complaint-bundle", "complaint", "claim-table", "party-list", "mediation-petition", "mints-package"}
)
# The notices of a breach of personal data (APPI 26条2項): they print what the request carries (`notice`), no
# record of claims-api.
BREACH_NOTICE_LETTER, PUBLIC_NOTICE = "breach-notice-letter", "public-notice"
NOTICE_DOCUMENTS = frozenset({BREACH_NOTICE_LETTER, PUBLIC_NOTICE})


def _not_available() -> PydanticCustomError:
    return PydanticCustomError("not_available", NOT_AVAILABLE)


def _field_errors(model: str, errors: list[tuple[tuple[str | int, ...], str, str, Any]]) -> ValidationError:
    """Errors at fields below the one being validated, as (loc, type, message, input): raised from a validator,
    pydantic puts them under that field's own location (`notice.recipients.3.item_keys`)."""
    return ValidationError.from_exception_data(
        model,
        [
            InitErrorDetails(type=PydanticCustomError(kind, message), loc=loc, input=value)
            for loc, kind, message, value in errors
        ],
    )


# ---- the notice of a breach of personal data (本人への通知 and the 公表文 of the 代替措置) --------------------

MAX_RECIPIENTS = 5000


class NoticeRecipient(BaseModel):
    """One person to notify by letter, and the items of their data concerned (only those are printed)."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    postal_code: OptionalPostalCode = None
    address: Address
    item_keys: list[ItemKey] = Field(min_length=1, max_length=MAX_DATA_ITEMS, description="keys of data_items")

    @field_validator("item_keys", mode="after")
    @classmethod
    def _once_each(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class Notice(BaseModel):
    """What the notice says: the items of 規則10条 (1号 概要, 2号 項目, 4号 原因, 5号 二次被害, 9号 その他) with the
    enquiry desk, and for letters the recipients."""

    model_config = ConfigDict(extra="forbid")

    sender: NoticeSender
    made_on: date | None = Field(default=None, description="the date printed; the day the job is requested if absent")
    title: Annotated[str, text(100)] = DEFAULT_NOTICE_TITLE
    overview: LongText = Field(description="概要 (規則8条1項1号)")
    data_items: list[NoticeDataItem] = Field(
        min_length=1, max_length=MAX_DATA_ITEMS, description="the catalogue of the 個人データの項目 (2号)"
    )
    cause: LongText = Field(description="原因 (4号)")
    secondary_harm: LongText = Field(description="二次被害又はそのおそれの有無及びその内容 (5号)")
    measures: OptionalLongText = Field(default=None, description="再発防止策・対応")
    other: OptionalLongText = Field(default=None, description="その他参考となる事項 (9号)")
    contact: NoticeContact
    recipients: list[NoticeRecipient] | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_RECIPIENTS,
        description="one letter each; required for breach-notice-letter, not allowed for public-notice",
    )

    @model_validator(mode="after")
    def _keys_of_the_catalogue(self) -> Notice:
        errors: list[tuple[tuple[str | int, ...], str, str, Any]] = []
        seen: set[str] = set()
        for index, item in enumerate(self.data_items):
            if item.key in seen:
                errors.append((("data_items", index, "key"), "duplicate", f"{item.key!r} is listed twice", item.key))
            seen.add(item.key)
        for index, recipient in enumerate(self.recipients or []):
            unknown = [key for key in recipient.item_keys if key not in seen]
            if unknown:
                listed = ", ".join(repr(key) for key in unknown)
                message = f"not a key of data_items: {listed}"
                errors.append((("recipients", index, "item_keys"), "unknown_item", message, unknown))
        if errors:
            raise _field_errors("Notice", errors)
        return self


class RenderCreate(BaseModel):
    """A filing to render. Field order matters: each validator sees the fields declared before it."""

    model_config = ConfigDict(extra="forbid")

    document: DocumentKind
    format: FileFormat = "pdf"
    case_id: int = Field(gt=0)
    proceeding_id: int | None = Field(default=None, gt=0, validate_default=True)
    claimant_id: int | None = Field(default=None, gt=0, validate_default=True)
    complaint_form: Literal["paragraphs", "table"] | None = Field(
        default=None,
        description="the 請求の趣旨 of a complaint: one paragraph per plaintiff (default), or one paragraph citing the "
        "別紙請求一覧 (the 別表 form for many plaintiffs); only for complaint, complaint-bundle and mints-package",
        validate_default=True,
    )
    notice: Notice | None = Field(
        default=None,
        description="what a breach-notice-letter or public-notice says (and only for them): these documents print "
        "the request's content and read nothing from claims-api",
        validate_default=True,
    )

    @field_validator("document")
    @classmethod
    def _document_available(cls, value: str) -> str:
        if not any(document == value for document, _ in AVAILABLE):
            raise _not_available()
        return value

    @field_validator("format")
    @classmethod
    def _format_available(cls, value: str, info: ValidationInfo) -> str:
        document = info.data.get("document")
        if document is not None and (document, value) not in AVAILABLE:
            raise _not_available()
        return value

    @field_validator("claimant_id", mode="after")
    @classmethod
    def _claimant_needed(cls, value: int | None, info: ValidationInfo) -> int | None:
        document = info.data.get("document")
        if value is not None and document in NOTICE_DOCUMENTS:
            raise PydanticCustomError("not_allowed", "not for {document}", {"document": document})
        if value is None and document in PER_CLAIMANT:
            raise PydanticCustomError("missing", "required for {document}", {"document": document})
        if value is None and document == "evidence-list" and info.data.get("proceeding_id") is None:
            raise PydanticCustomError("missing", "required for evidence-list without a proceeding_id")
        return value

    @field_validator("complaint_form", mode="after")
    @classmethod
    def _complaint_form_for_a_complaint(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and info.data.get("document") not in WITH_COMPLAINT:
            raise PydanticCustomError("not_allowed", "only for a document that holds the complaint")
        return value

    @field_validator("proceeding_id", mode="after")
    @classmethod
    def _proceeding_needed(cls, value: int | None, info: ValidationInfo) -> int | None:
        document = info.data.get("document")
        if value is None and document in PER_PROCEEDING:
            raise PydanticCustomError("missing", "required for {document}", {"document": document})
        if value is not None and document in NOTICE_DOCUMENTS:
            raise PydanticCustomError("not_allowed", "not for {document}", {"document": document})
        return value

    @field_validator("notice", mode="after")
    @classmethod
    def _notice_for_a_notice(cls, value: Notice | None, info: ValidationInfo) -> Notice | None:
        document = info.data.get("document")
        if document is None:
            return value  # the document itself was refused
        if value is None:
            if document in NOTICE_DOCUMENTS:
                raise PydanticCustomError("missing", "required for {document}", {"document": document})
            return value
        if document not in NOTICE_DOCUMENTS:
            raise PydanticCustomError("not_allowed", "only for breach-notice-letter and public-notice")
        recipients = value.recipients
        if document == BREACH_NOTICE_LETTER and recipients is None:
            raise _field_errors("Notice", [(("recipients",), "missing", f"required for {document}", None)])
        if document == PUBLIC_NOTICE and recipients is not None:
            message = "not for public-notice: the public notice names no one"
            raise _field_errors("Notice", [(("recipients",), "not_allowed", message, None)])
        if recipients is not None and len(recipients) > 1 and info.data.get("format") == "docx":
            message = f"a DOCX holds one letter: give one recipient, or ask for pdf to get {len(recipients)} letters"
            raise _field_errors("Notice", [(("recipients",), "too_long", message, None)])
        return value


class RenderRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    document: str
    format: str
    case_id: int
    proceeding_id: int | None
    claimant_id: int | None
    complaint_form: str | None
    status: RenderStatus
    progress_done: int
    progress_total: int
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    size: int | None
    sha256: str | None
    filename: str | None


class RenderPage(BaseModel):
    items: list[RenderRead]
    total: int
    limit: int
    offset: int


class DownloadLink(BaseModel):
    url: str  # presigned GET of the file; its response names the file (Content-Disposition)
    filename: str
    expires_at: datetime
