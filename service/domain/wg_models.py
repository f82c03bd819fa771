"""Validated inputs of working-group governance (issue 19): meetings, decisions, transparency reports.

Dates come in Jalali or ISO (``IsoDate``) and are stored as ISO days, like every other date here.
"""

from pydantic import Field

from service.domain import enums as e
from service.domain.fields import EntityId, IsoDate, JalaliYear, Label, Text
from service.domain.models import Input


class MeetingIn(Input):
    groupId: EntityId
    date: IsoDate
    agendaFa: Text
    agendaEn: Text | None = None
    presentIds: list[EntityId] = Field(default_factory=list, max_length=200)
    minutesFa: Text | None = None
    minutesEn: Text | None = None


class MeetingPatch(Input):
    agendaFa: Text | None = None
    agendaEn: Text | None = None
    presentIds: list[EntityId] | None = Field(default=None, max_length=200)
    minutesFa: Text | None = None
    minutesEn: Text | None = None


class DecisionIn(Input):
    groupId: EntityId
    textFa: Text = Field(min_length=1)
    textEn: Text | None = None
    ownerId: EntityId
    dueDate: IsoDate | None = None
    meetingId: EntityId | None = None
    # what the decision acts on, as plain ids (a plan action of issue 18, a request)
    actionId: EntityId | None = None
    requestId: EntityId | None = None


class ReportIn(Input):
    groupId: EntityId
    year: JalaliYear
    period: e.ReportPeriod = e.ReportPeriod.YEAR
    titleFa: Label
    titleEn: Label | None = None
    summaryFa: Text = Field(min_length=1)
    summaryEn: Text | None = None
