"""What a notice of a breach of personal data says (APPI 26条2項, 規則10条), as docs-render prints it and notify
keeps it in a campaign: who notifies, the catalogue of data items, the enquiry desk, and the text types they use."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

MAX_DATA_ITEMS = 100
DEFAULT_NOTICE_TITLE = "個人情報の漏えいのおそれに関するお知らせとお詫び"


def blank_to_none(value: Any) -> Any:
    """An optional text left empty is the same as one not given."""
    return None if isinstance(value, str) and not value.strip() else value


def _postal_code(value: str) -> str:
    """1000001 or 100-0001 → 100-0001."""
    digits = value.replace("-", "")
    return f"{digits[:3]}-{digits[3:]}"


def text(max_length: int) -> Any:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


Name = Annotated[str, text(200)]
Address = Annotated[str, text(300)]
Label = Annotated[str, text(100)]
LongText = Annotated[str, text(4000)]
ItemKey = Annotated[str, text(64)]
PostalCode = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9]{3}-?[0-9]{4}$"), AfterValidator(_postal_code)
]
OptionalName = Annotated[Name | None, BeforeValidator(blank_to_none)]
OptionalAddress = Annotated[Address | None, BeforeValidator(blank_to_none)]
OptionalLongText = Annotated[LongText | None, BeforeValidator(blank_to_none)]
OptionalPostalCode = Annotated[PostalCode | None, BeforeValidator(blank_to_none)]


class NoticeSender(BaseModel):
    """Who notifies: the office or company that holds the data (letterhead and signature)."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    postal_code: OptionalPostalCode = None
    address: Address
    representative: OptionalName = Field(default=None, description="with the title: 「所長　社会保険労務士　架空花子」")


class NoticeDataItem(BaseModel):
    """One kind of personal data that was or may have been leaked (規則8条1項2号), e.g. {key: "name", label: "氏名"}."""

    model_config = ConfigDict(extra="forbid")

    key: ItemKey
    label: Label


class NoticeContact(BaseModel):
    """The enquiry desk (お問い合わせ窓口): where a person can ask, among other things, whether their data is
    affected. At least one way to reach it."""

    model_config = ConfigDict(extra="forbid")

    desk: Name
    phone: Annotated[Annotated[str, text(50)] | None, BeforeValidator(blank_to_none)] = None
    email: Annotated[
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")] | None,
        BeforeValidator(blank_to_none),
    ] = None
    hours: OptionalName = Field(default=None, description="受付時間, e.g. 「平日 午前9時～午後5時」")
    address: OptionalAddress = None

    @model_validator(mode="after")
    def _reachable(self) -> NoticeContact:
        if self.phone is None and self.email is None and self.address is None:
            raise PydanticCustomError("missing", "give at least one of phone, email or address")
        return self


# The headings of a notice, in the order of 規則8条1項: the letter, the public notice and the e-mail use them.
OVERVIEW = "概要"
DATA_ITEMS = "漏えい等が発生し、又は発生したおそれがある個人データの項目"
CAUSE = "原因"
SECONDARY_HARM = "二次被害又はそのおそれの有無及びその内容"
MEASURES = "再発防止策"
OTHER = "その他参考となる事項"
CONTACT = "お問い合わせ先"
CONTACT_DESK = "お問い合わせ窓口"
ITEM_SEPARATOR = "、"


def contact_rows(contact: NoticeContact) -> list[tuple[str, str]]:
    """(caption, value) of the enquiry desk, the parts given."""
    rows = [
        ("窓口", contact.desk),
        ("電話番号", contact.phone),
        ("受付時間", contact.hours),
        ("電子メール", contact.email),
        ("所在地", contact.address),
    ]
    return [(caption, value) for caption, value in rows if value]
