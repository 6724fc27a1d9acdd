"""The app's tables. APScheduler's ``apscheduler_jobs`` lives in the same file (see migrations)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    Unicode,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: The longest login name PostgreSQL has (NAMEDATALEN - 1).
LOGIN = 63


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC and hands them back aware (UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Push(Base):
    """One push. ``name`` and ``enabled`` are its own columns and their one source; ``spec``
    (JSON text) holds the rest: message, targets, trigger and options (revision 0009)."""

    __tablename__ = "pushes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    spec: Mapped[str] = mapped_column(Text, nullable=False)
    enabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow
    )
    # Who created and who last changed it: on PostgreSQL the database's own login names and
    # clock, set by triggers whatever a client sends (also ``created_at``/``updated_at``);
    # empty on a desktop's SQLite file (revision 0013, core/pushes/audit.py).
    created_by: Mapped[str] = mapped_column(
        String(LOGIN), nullable=False, default="", server_default=""
    )
    updated_by: Mapped[str] = mapped_column(
        String(LOGIN), nullable=False, default="", server_default=""
    )

    runs: Mapped[list[Run]] = relationship(
        back_populates="push", cascade="all, delete-orphan", passive_deletes=True
    )


class Run(Base):
    """One execution of a push: when it was due and when it really started.

    ``(push_id, scheduled_at)`` is unique, so a run that was already started is never
    started again, whatever the job store says after a crash.
    """

    __tablename__ = "runs"
    __table_args__ = (
        UniqueConstraint("push_id", "scheduled_at", name="uq_runs_push_scheduled"),
        Index("ix_runs_push_started", "push_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    push_id: Mapped[int] = mapped_column(
        ForeignKey("pushes.id", ondelete="CASCADE"), nullable=False
    )
    reason: Mapped[str] = mapped_column(String(20), nullable=False, default="schedule")
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="running")
    error: Mapped[str] = mapped_column(Text, nullable=False, default="")

    push: Mapped[Push] = relationship(back_populates="runs")
    deliveries: Mapped[list[Delivery]] = relationship(
        back_populates="run", cascade="all, delete-orphan", passive_deletes=True
    )


class Delivery(Base):
    """One message to one recipient through one channel, written before it is sent."""

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_status", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("runs.id", ondelete="CASCADE"), nullable=False, index=True
    )
    channel: Mapped[str] = mapped_column(String(50), nullable=False)
    recipient: Mapped[str] = mapped_column(String(300), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="queued")
    error: Mapped[str] = mapped_column(Text, nullable=False, default="")
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    channel_id: Mapped[int | None] = mapped_column(Integer)
    contact_id: Mapped[int | None] = mapped_column(Integer)
    address: Mapped[str] = mapped_column(String(320), nullable=False, default="")
    title: Mapped[str] = mapped_column(Text, nullable=False, default="")
    body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    html: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # Who the message @mentions, JSON (core/channels/mention.py); "" for nobody.
    mentions: Mapped[str] = mapped_column(Text, nullable=False, default="")
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Parts of a message sent in parts that earlier attempts got through: a retry goes on
    # from the next part (core/channels/http.py, in_order).
    parts_sent: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    run: Mapped[Run] = relationship(back_populates="deliveries")


class Setting(Base):
    """Small typed values (JSON text) the app remembers, keyed by name."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


jobs_table = Table(
    "apscheduler_jobs",
    Base.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)
"""APScheduler's own table, read directly for next run times and for reconciling."""


class Contact(Base):
    """A person who can receive pushes; ``fields`` holds the user's own columns (JSON)."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    email: Mapped[str] = mapped_column(String(320), nullable=False, default="", index=True)
    handle: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(50), nullable=False, default="")
    fields: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    # IDs on chat services for @mentions, JSON {key: id} (core/people/service_ids.py).
    service_ids: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class Group(Base):
    """A named list of contacts."""

    __tablename__ = "contact_groups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)


class GroupMember(Base):
    __tablename__ = "group_members"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("contact_groups.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Template(Base):
    """A named message to start new pushes from; ``message`` is JSON (title, body, and
    optionally the recipients), read by :mod:`pushgui.core.messages.templates`."""

    __tablename__ = "templates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    message: Mapped[str] = mapped_column(Text, nullable=False)


class Channel(Base):
    """A configured way out (an SMTP account, a bot). Secrets are in the OS keyring, never here."""

    __tablename__ = "channels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    settings: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class DamagedPush(Base):
    """A push whose stored spec could not be read, set aside so everything else keeps working.

    ``raw`` is the stored text byte for byte (it may not even be valid UTF-8); exports carry
    it so the user can rebuild the push. See :mod:`pushgui.core.pushes.damaged`.
    """

    __tablename__ = "damaged_pushes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    push_id: Mapped[int] = mapped_column(Integer, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    raw: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    problem: Mapped[str] = mapped_column(Text, nullable=False)
    found_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class Nag(Base):
    """A run of a reminder that repeats until it is marked done (:mod:`pushgui.core.runs.nagging`).

    ``next_at`` is the next nag time still to send and the token a sender claims it with
    (compare and set), so each nag time is sent once; ``escalated_at`` likewise for the one
    escalation. ``done_at`` stops both.
    """

    __tablename__ = "nags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("runs.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    push_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    next_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalate_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    nags_sent: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class PushChange(Base):
    """One change of a push, written by the database's triggers only (revision 0013): who
    (the login; empty on SQLite), when (the database's clock) and the values before and
    after. ``spec_before``/``spec_after`` are kept only when the spec itself changed.
    Rows stay when their push is deleted (the deletion is a row too), hence no foreign key.
    Read by :mod:`pushgui.core.pushes.audit`."""

    __tablename__ = "push_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    push_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    action: Mapped[str] = mapped_column(String(10), nullable=False)
    changed_by: Mapped[str] = mapped_column(String(LOGIN), nullable=False, server_default="")
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    name_before: Mapped[str | None] = mapped_column(String(200))
    name_after: Mapped[str | None] = mapped_column(String(200))
    enabled_before: Mapped[bool | None] = mapped_column(Boolean)
    enabled_after: Mapped[bool | None] = mapped_column(Boolean)
    spec_before: Mapped[str | None] = mapped_column(Text)
    spec_after: Mapped[str | None] = mapped_column(Text)
