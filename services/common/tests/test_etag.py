import pytest
from pydantic import BaseModel

from bengodan_common.errors import AppError
from bengodan_common.etag import etag_of, require_match


class Record(BaseModel):
    id: int
    amount: int


def test_etag_follows_the_representation():
    assert etag_of(Record(id=1, amount=5)) == etag_of(Record(id=1, amount=5))
    assert etag_of(Record(id=1, amount=5)) != etag_of(Record(id=1, amount=6))
    assert etag_of(Record(id=1, amount=5)).startswith('"')


def test_if_match_accepts_the_current_tag_a_list_a_weak_form_and_star():
    current = Record(id=1, amount=5)
    tag = etag_of(current)
    for header in (None, tag, f'"other", {tag}', f"W/{tag}", "*"):
        require_match(header, current)


def test_a_stale_tag_is_412_and_tells_the_current_one():
    with pytest.raises(AppError) as refused:
        require_match(etag_of(Record(id=1, amount=5)), Record(id=1, amount=6))
    assert refused.value.status == 412
    assert refused.value.extensions["current_etag"] == etag_of(Record(id=1, amount=6))
