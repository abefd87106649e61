"""Signposting: the services people can be pointed to — helplines, advice, health, housing,
money — each with what it helps with and how to reach it. A project starts with the shipped
national list and the facilitator adds local services; the list prints as wallet cards and a
poster for participants. Nothing personal is in it: it is public information."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from coprod_desktop.domain.words import QT_TR_NOOP

from .errors import ValidationError

MAX_NAME = 120
MAX_FIELD = 300


class Category(str, Enum):
    HELPLINE = "helpline"
    ADVICE = "advice"
    HEALTH = "health"
    HOUSING = "housing"
    MONEY = "money"
    OTHER = "other"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self.value]


CATEGORY_LABELS = {
    "helpline": QT_TR_NOOP("Helpline"),
    "advice": QT_TR_NOOP("Advice"),
    "health": QT_TR_NOOP("Health"),
    "housing": QT_TR_NOOP("Housing"),
    "money": QT_TR_NOOP("Money"),
    "other": QT_TR_NOOP("Other"),
}


@dataclass(frozen=True)
class Signpost:
    id: str
    name: str
    category: Category = Category.OTHER
    helps_with: str = ""
    phone: str = ""
    website: str = ""
    hours: str = ""
    local: bool = False  # added by the facilitator, not from the shipped national list
    position: int = 0  # where it comes in the list

    def validated(self) -> Signpost:
        name = " ".join(self.name.split())
        if not name:
            raise ValidationError("A service needs a name.")
        if len(name) > MAX_NAME:
            raise ValidationError(f"A service's name can be at most {MAX_NAME} characters.")
        try:
            category = Category(self.category)
        except ValueError:
            raise ValidationError(f"“{self.category}” is not a kind of service.") from None
        fields = {k: " ".join(getattr(self, k).split())
                  for k in ("helps_with", "phone", "website", "hours")}  # fmt: skip
        if any(len(v) > MAX_FIELD for v in fields.values()):
            raise ValidationError(f"Each detail of a service can be at most {MAX_FIELD} "
                                  "characters.")  # fmt: skip
        if not (fields["phone"] or fields["website"]):
            raise ValidationError("Give a phone number or a website: how to reach the service.")
        return replace(self, name=name, category=category, local=bool(self.local), **fields)
