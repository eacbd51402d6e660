from typing import Annotated

from bengodan_common.db import get_session
from fastapi import Depends
from sqlmodel import Session

SessionDep = Annotated[Session, Depends(get_session, scope="function")]
