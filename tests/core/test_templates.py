"""Message templates, and Undo of a delete (the push comes back from its spec)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pushgui.core.errors import SpecError
from pushgui.core.messages.templates import TemplateBook
from pushgui.core.pushes.spec import Message, Target
from tests.helpers import once_in, weekdays_at_nine


def test_templates_round_trip_replace_by_name_and_delete(database):
    book = TemplateBook(database)
    message = Message("Weekly report", "Dear ${name},\n…", attachments=("/tmp/report.pdf",))
    targets = (Target("email", 2, contact_ids=(1, 2), group_ids=(3,)),)
    first = book.save("  Report  ", message, targets)
    plain = book.save("Água", Message("Só o título"))
    assert [t.name for t in book.list()] == ["Report", "Água"]
    got = book.get(first)
    assert (got.name, got.message, got.targets) == ("Report", message, targets)
    assert book.get(plain).targets is None
    assert book.find("Report").id == first

    assert book.save("Report", Message("Changed")) == first
    assert book.get(first).message == Message("Changed") and book.get(first).targets is None
    book.delete(first)
    assert [t.name for t in book.list()] == ["Água"]
    with pytest.raises(LookupError):
        book.get(first)


def test_a_template_needs_a_name(database):
    with pytest.raises(SpecError):
        TemplateBook(database).save("   ", Message("x"))


def test_delete_returns_the_spec_and_restore_brings_it_back_with_its_schedule(service):
    spec = replace(weekdays_at_nine("Standup"), targets=(Target(),))
    push_id = service.create(spec)
    [before] = service.rows()
    assert service.delete(push_id) == spec
    assert service.rows() == []
    new_id = service.restore(spec)
    [after] = service.rows()
    assert (after.id, after.spec, after.next_run) == (new_id, spec, before.next_run)


def test_a_restored_one_off_whose_time_passed_comes_back_paused(service, scheduler):
    spec = once_in(3600, "Dentist")
    service.delete(service.create(spec))
    # Undo after its time passed: with its history gone it must not be sent again as missed.
    passed = replace(spec, trigger=once_in(-120).trigger)
    restored = service.restore(passed)
    [row] = service.rows([restored])
    assert (row.spec.trigger, row.enabled, row.next_run) == (passed.trigger, False, None)
    assert scheduler.get_job(str(restored)) is None
