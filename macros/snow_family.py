"""The Snow Family table: each device's specs and, impossible to miss, whether it can still be ordered."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from macros import _html, lifecycle
from macros._data import (
    STATUS_LABELS,
    Count,
    Date,
    Evidence,
    Flag,
    Model,
    Month,
    NonNegative,
    Slug,
    Text,
    check_unique_ids,
    find_by_id,
)
from macros._errors import DataError

FILE = "data/snow_family.yml"

Status = Literal["available", "closed_to_new_customers", "discontinued", "retired"]
TB_PER_PB = Decimal(1000)


class Specs(Evidence):
    storage_tb: NonNegative | None = None
    storage_medium: Text | None = None
    vcpus: Count | None = None
    memory_gib: NonNegative | None = None
    typical_migration: Text | None = None
    clustering: Text | None = None
    datasync_agent: Flag | None = None


class DeviceStatus(Evidence):
    state: Status
    since: Date | None = None  # the day, when known
    since_month: Month | None = None  # when only the month is known
    note: Text | None = None
    lifecycle: Slug | None = None  # the id of the data/lifecycle.yml entry that records the same change

    @model_validator(mode="after")
    def _one_date(self) -> DeviceStatus:
        if self.since is not None and self.since_month is not None:
            raise ValueError("give `since` or `since_month`, not both")
        return self

    @property
    def when(self) -> str | None:
        return self.since.isoformat() if self.since is not None else self.since_month


class Device(Model):
    id: Slug
    name: Text
    specs: Specs
    status: DeviceStatus


class SnowFamily(Model):
    as_of: Date
    devices: Annotated[list[Device], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_ids(self) -> SnowFamily:
        check_unique_ids(self.devices, "devices")
        return self

    def device(self, device_id: str) -> Device:
        return find_by_id(self.devices, device_id, "Snow device")


def orderable_by(device: Device) -> str:
    """Who can order the device today: 'anyone', 'existing customers only' or 'no one'."""
    return {
        "available": "anyone",
        "closed_to_new_customers": "existing customers only",
    }.get(device.status.state, "no one")


def render(data: SnowFamily, edit_url: str) -> str:
    headers = [
        "Device",
        f"Status (as of {data.as_of.isoformat()})",
        "Storage",
        "vCPUs",
        "Memory",
        "Typical migration size",
        "Clustering",
        "DataSync agent",
    ]
    body = [_device_row(device) for device in data.devices]
    sources: list[_html.Sourced] = [
        item for device in data.devices
        for item in ((f"{device.name}, specs", device.specs), (f"{device.name}, status", device.status))
    ]
    footer = _html.data_footer(FILE, edit_url, sources=sources, each="Source of each device's specs and status")
    table = _html.table(headers, body, css_class="data-table snow-table", label="Snow Family devices")
    return _summary(data) + "\n" + table + "\n" + footer


def _summary(data: SnowFamily) -> str:
    """One sentence, computed from the statuses, answering 'which devices can I still order?'."""
    by_who: dict[str, list[str]] = {"anyone": [], "existing customers only": []}
    for device in data.devices:
        by_who.get(orderable_by(device), []).append(device.name)
    anyone = ", ".join(by_who["anyone"]) or "none"
    existing = ", ".join(by_who["existing customers only"]) or "none"
    return (
        f'<p class="snow-summary from-data"><strong>{_html.text(f"Can be ordered as of {data.as_of.isoformat()}:")}</strong> '
        f"{_html.text(f'by new customers: {anyone}; by existing customers only: {existing}.')}</p>"
    )


def _device_row(device: Device) -> list[_html.Cell]:
    specs = device.specs
    return [
        device.name,
        _status_cell(device.status),
        _spec(specs, _storage(specs)),
        _spec(specs, specs.vcpus),
        _spec(specs, f"{specs.memory_gib} GiB" if specs.memory_gib is not None else None),
        _spec(specs, specs.typical_migration),
        _spec(specs, specs.clustering),
        _spec(specs, None if specs.datasync_agent is None else ("pre-installed" if specs.datasync_agent else "no")),
    ]


def check_lifecycle(snow: SnowFamily, changes: lifecycle.Lifecycle) -> None:
    """A device's status and the "What changed" entry it names must agree on the change and its date,
    so the table and the notice on every page that mentions the device never contradict each other."""
    for device in snow.devices:
        status, ref = device.status, device.status.lifecycle
        if ref is None:
            continue
        try:
            entry = changes.entry(ref)
        except KeyError:
            raise DataError(FILE, device.id, "status.lifecycle", f"no entry {ref!r} in {lifecycle.FILE}") from None
        if (entry.change, entry.date, entry.month) != (status.state, status.since, status.since_month):
            raise DataError(
                FILE, device.id, "status",
                f"{status.state} since {status.when or 'date unknown'} disagrees with "
                f"{lifecycle.FILE} entry {ref!r}: {entry.change} since {entry.when}",
            )


def _status_cell(status: DeviceStatus) -> _html.Markup:
    label = STATUS_LABELS[status.state]
    when = f" since {status.when}" if status.when else " (date unknown)"
    parts: list[_html.Cell] = [_html.tag("strong", label + (when if status.state != "available" else ""))]
    if status.confidence != "official":
        parts += [" ", _html.confidence_marker(status)]
    if status.note:
        parts += [_html.BR, _html.text(status.note)]
    return _html.tag("span", _html.join(*parts), class_=f"status status--{status.state.replace('_', '-')}")


def _storage(specs: Specs) -> str | None:
    if specs.storage_tb is None:
        return None
    amount = specs.storage_tb
    size = f"{amount / TB_PER_PB:g} PB" if amount >= TB_PER_PB else f"{amount:g} TB"
    return f"{size} {specs.storage_medium}" if specs.storage_medium else size


def _spec(specs: Specs, value: object | None) -> _html.Markup:
    if value is None:
        return _html.tag("em", "unknown")
    return _html.with_confidence(_html.text(value), specs)
