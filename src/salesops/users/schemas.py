from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import EmailStr, Field

from salesops.core.http import ReadModel, StrictModel

Role = Literal["admin", "sales", "viewer"]


class UserCreate(StrictModel):
    email: EmailStr
    role: Role = "sales"
    name: str = Field(default="", max_length=200)
    password: str | None = Field(default=None, min_length=8, max_length=200)
    timezone: str = "UTC"
    in_round_robin: bool = True


class UserUpdate(StrictModel):
    name: str | None = Field(default=None, max_length=200)
    role: Role | None = None
    active: bool | None = None
    in_round_robin: bool | None = None
    timezone: str | None = None


class UserRead(ReadModel):
    id: int
    email: str
    name: str
    role: str
    active: bool
    in_round_robin: bool
    timezone: str
    logging_address: str | None
    created_at: datetime


class TokenCreate(StrictModel):
    name: str = Field(default="api", max_length=100)


class TokenIssued(StrictModel):
    id: int
    name: str
    token: str = Field(description="Shown once; store it now")


class TokenRead(ReadModel):
    id: int
    user_id: int
    name: str
    prefix: str = Field(description="The token's first characters, to recognise it")
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class PasswordChange(StrictModel):
    current_password: str = Field(max_length=200)
    new_password: str = Field(min_length=8, max_length=200)


class TimeOffCreate(StrictModel):
    starts_on: date
    ends_on: date
    note: str = Field(default="", max_length=500)


class TimeOffRead(ReadModel):
    id: int
    user_id: int
    starts_on: date
    ends_on: date
    note: str


class DeactivationConfirm(StrictModel):
    """R-7: the admin confirms the preview (its ``digest``: a changed plan is refused)."""

    confirm: bool = Field(description="must be true: the admin has seen the preview")
    digest: str | None = Field(default=None, max_length=64)
