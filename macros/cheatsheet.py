"""The printable cheat sheet (docs/exam/cheat-sheet.md): per exam domain, the key figures and compact
versions of the comparison tables, drawn from the same data as the topic pages and linked to them.

`SHEET` says what goes in each domain's section; `prepare` checks it against the data and finds, in
the page sources, the section each item comes from (a table's section is where its macro is called),
so a renamed heading or a moved table fails the build instead of leaving a dead link.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify

from macros import _html, cidr, comparisons, facts, lifecycle, snow_family, support_plans
from macros._data import STATUS_LABELS, Evidence
from macros._errors import PageError
from macros._pages import without_code
from macros.project import ProjectData

MODULE = "macros/cheatsheet.py"


# --- What the sheet holds -------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One fact from data/facts/, labeled in our words, linked to the section of `page` that uses it."""

    fact: str
    label: str
    page: str  # docs-relative; the link goes to the heading above the fact's first use there


@dataclass(frozen=True)
class Figures:
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Table:
    """A comparison table from data/comparisons/<name>.yml, cut down to `columns` (the first is the row header)."""

    name: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Builtin:
    """One of the tables with a model of its own: "cidr", "snow" or "support"."""

    kind: str


Item = Figures | Table | Builtin

# Per domain id (data/exam_guide.yml): what the exam asks most, kept short enough to print on a few pages.
SHEET: dict[int, tuple[Item, ...]] = {
    1: (
        Figures((
            Figure("az-minimum-per-region", "Availability Zones in each Region", "cloud-concepts/global-infrastructure.md"),
            Figure("az-maximum-separation", "Distance between the zones of a Region", "cloud-concepts/global-infrastructure.md"),
            Figure("wa-pillar-count", "Pillars of the Well-Architected Framework", "cloud-concepts/well-architected.md"),
            Figure("caf-perspective-count", "Perspectives of the AWS CAF", "cloud-concepts/cloud-adoption-framework.md"),
            Figure("caf-phases", "Phases of a cloud transformation (AWS CAF)", "cloud-concepts/cloud-adoption-framework.md"),
        )),
        Table("cloud_advantages", ("Advantage", "In plain words")),
        Table("wa_pillars", ("Pillar", "What it is about", "Words in a question that point to it")),
        Table("migration_strategies", ("Strategy", "Also called", "Choose it when")),
        Table("caf_perspectives", ("Perspective", "What it is for")),
    ),
    2: (
        Figures((
            Figure("iam-access-keys-per-user", "Access keys an IAM user can have at a time", "security/iam.md"),
            Figure("iam-mfa-devices-per-user", "MFA devices an IAM user can register", "security/iam.md"),
            Figure("s3-default-encryption-start", "S3 encrypts every new object by default since", "security/shared-responsibility.md"),
            Figure("aws-cli-tls-minimum", "Lowest TLS version the AWS CLI accepts", "security/compliance.md"),
            Figure("cloudtrail-event-history-days", "CloudTrail event history covers the last", "operations/monitoring.md"),
        )),
        Table("shared_responsibility_by_service", ("Service", "AWS is responsible for", "You are responsible for")),
        Table("security_controls", ("Kind of control", "Who operates it")),
        Table("sg_vs_nacl", ("Question", "Security group", "Network ACL")),
        Table("iam_audit_tools", ("Tool", "Level", "What it shows")),
        Table("compliance_programs", ("Program", "What it is")),
    ),
    3: (
        Figures((
            Figure("s3-durability", "S3 designed durability", "storage/s3.md"),
            Figure("s3-default-az-count", "Where S3 keeps data by default", "storage/s3.md"),
            Figure("lambda-max-timeout", "Longest a Lambda invocation can run", "compute/lambda.md"),
            Figure("lambda-memory-range", "Lambda memory", "compute/lambda.md"),
            Figure("sqs-retention", "How long SQS keeps a message", "operations/messaging.md"),
            Figure("sqs-max-message-size", "Largest SQS message", "operations/messaging.md"),
            Figure("rds-read-replicas-max", "RDS read replicas", "databases/relational.md"),
            Figure("rds-backup-retention", "RDS automated backup retention", "databases/relational.md"),
            Figure("site-to-site-vpn-tunnels", "Tunnels in each Site-to-Site VPN connection", "networking/hybrid-connectivity.md"),
        )),
        Table("s3_storage_classes", ("Storage class", "Availability Zones", "Minimum storage duration", "First byte / retrieval")),
        Builtin("cidr"),
        Table("ebs_volume_types", ("Volume type", "Family", "Best for")),
        Builtin("snow"),
        Table("ec2_instance_families", ("Family", "Tuned for")),
        Table("elb_types", ("Load balancer", "OSI layer", "Typical use")),
        Table("database_types", ("Type of database", "AWS services")),
    ),
    4: (
        Figures((
            Figure("ri-term", "Reserved Instance term", "billing/pricing-models.md"),
            Figure("savings-plans-term", "Savings Plans term", "billing/pricing-models.md"),
            Figure("spot-interruption-notice", "Warning before a Spot Instance is interrupted", "billing/pricing-models.md"),
            Figure("consolidated-billing-fee", "Consolidated billing costs", "billing/cost-tools.md"),
            Figure("billing-alarm-region", "Region that holds the billing metric", "billing/cost-tools.md"),
            Figure("trusted-advisor-category-count", "Trusted Advisor check categories", "billing/trusted-advisor.md"),
            Figure("legacy-support-plans-end", "Legacy support plans end on", "billing/support-plans.md"),
        )),
        Table("ec2_purchasing_options", ("Option", "How you pay", "Good for")),
        Builtin("support"),
        Table("cost_tools", ("Tool", "Question it answers")),
    ),
}

# The macro each built-in table is drawn by on its own page, its data file and the sheet's title for it.
BUILTINS = {
    "cidr": ("cidr_table", cidr.FILE, "CIDR block sizes"),
    "snow": ("snow_family_table", snow_family.FILE, "Snow Family devices: can you still order one?"),
    "support": ("support_plans_table", support_plans.FILE, "AWS Support plans at a glance"),
}


# --- Checking the sheet against the data and the pages ---------------------------------------------


@dataclass(frozen=True)
class Sheet:
    data: ProjectData
    items: dict[int, tuple[Item, ...]]
    sections: dict[Item | Figure, str]  # each item's (and figure's) section: "page.md#id"


def prepare(data: ProjectData, docs: Path, items: dict[int, tuple[Item, ...]] = SHEET) -> Sheet:
    """Check every item of `items` against the data and find its section; PageError (one line) if not."""
    domains = [domain.id for domain in data.guide.domains]
    if sorted(items) != sorted(domains):
        raise PageError(f"{MODULE}: SHEET covers domains {sorted(items)}; data/exam_guide.yml has {sorted(domains)}: one entry per domain")
    sources = _Sources(docs)
    sections: dict[Item | Figure, str] = {}
    for domain, entries in items.items():
        for item in entries:
            where = f"{MODULE}: SHEET, domain {domain}"
            if isinstance(item, Figures):
                for figure in item.figures:
                    if figure.fact not in data.facts:
                        raise PageError(f"{where}: unknown fact {figure.fact!r} (the ids are in {facts.FOLDER}/)")
                    sections[figure] = sources.section(rf"\bfact\(\s*[\"']{re.escape(figure.fact)}[\"']\s*\)", f'fact("{figure.fact}")', where, figure.page)
            elif isinstance(item, Table):
                table = data.tables.get(item.name)
                if table is None:
                    raise PageError(f"{where}: unknown comparison table {item.name!r} (the file names in {comparisons.FOLDER}/)")
                unknown = [column for column in item.columns if column not in table.columns]
                if unknown or not item.columns or item.columns[0] != table.columns[0]:
                    raise PageError(
                        f"{where}: table {item.name!r}: columns {list(item.columns)} must start with {table.columns[0]!r} "
                        f"and be among {table.columns}" + (f" (unknown: {unknown[0]!r})" if unknown else "")
                    )
                sections[item] = sources.section(rf"\bcomparison_table\(\s*[\"']{re.escape(item.name)}[\"']\s*\)", f'comparison_table("{item.name}")', where)
            elif isinstance(item, Builtin):
                if item.kind not in BUILTINS:
                    raise PageError(f"{where}: unknown table {item.kind!r}; known: {', '.join(BUILTINS)}")
                macro = BUILTINS[item.kind][0]
                sections[item] = sources.section(rf"\b{macro}\(\s*\)", f"{macro}()", where)
    return Sheet(data, items, sections)


class _Sources:
    """The page sources, read once, and the heading above a macro call in them."""

    def __init__(self, docs: Path) -> None:
        self.pages = {path.relative_to(docs).as_posix(): without_code(path.read_text(encoding="utf-8"))
                      for path in sorted(docs.rglob("*.md"))}

    def section(self, pattern: str, call: str, where: str, page: str | None = None) -> str:
        """"page.md#id" of the heading above the first `call` on `page` (or on any page, for a table)."""
        candidates = [page] if page is not None else list(self.pages)
        if page is not None and page not in self.pages:
            raise PageError(f"{where}: no page docs/{page}")
        for name in candidates:
            match = re.search(pattern, self.pages[name])
            if match:
                return _heading_above(name, self.pages[name], match.start())
        on = f"docs/{page}" if page else "any page of docs/"
        raise PageError(f"{where}: {call} is not on {on}, so the sheet has no section to link to")


_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*$", re.M)
_ID = re.compile(r"\{[^}]*?#([\w-]+)[^}]*\}\s*$")


def _heading_above(page: str, source: str, offset: int) -> str:
    headings = [match for match in _HEADING.finditer(source) if match.start() < offset]
    if not headings:
        return page
    text = headings[-1].group(1)
    explicit = _ID.search(text)
    return f"{page}#{explicit.group(1) if explicit else slugify(text, '-')}"


# --- Rendering ------------------------------------------------------------------------------------


def render(sheet: Sheet, from_page: str, edit: Callable[[str], str]) -> str:
    """The sheet as Markdown: a section per domain, a heading per item that links to its section.

    Headings and links are Markdown, so the engine checks every link and writes it for the site's
    URL style. Every section is left out of the search index: the sheet repeats what the topic pages
    say, and in search results it would outrank them."""
    data = sheet.data
    shown: set[str] = set()  # lifecycle notices already on the sheet: one per service is enough
    parts: list[str] = []
    for domain in data.guide.domains:
        weight = _html.with_confidence(_html.text(f"{domain.weight}% of the scored questions"), domain)
        parts += [
            f"## Domain {domain.id}: {_html.inline(domain.name)} {{ #domain-{domain.id} data-search-exclude }}\n",
            f'<p class="cheat-sheet__weight from-data">{weight}</p>\n',
        ]
        for item in sheet.items[domain.id]:
            title, body, text = _item(sheet, item, from_page, edit)
            link = "" if isinstance(item, Figures) else _link(from_page, sheet.sections[item])
            heading = f"[{_html.inline(title)}]({link})" if link else _html.inline(title)
            parts += [f"### {heading} {{ #{_item_id(item, domain.id)} data-search-exclude }}\n", body]
            notices = [entry for entry, _ in lifecycle.unflagged(data.changes, text, shown)]
            shown |= {entry.id for entry in notices}
            if notices:
                parts.append(" ".join(lifecycle.notice(data.changes, entry.id, from_page) for entry in notices) + "\n")
    return '<div class="cheat-sheet" markdown>\n\n' + "\n".join(parts) + "\n</div>\n"


def _item(sheet: Sheet, item: Item, from_page: str, edit: Callable[[str], str]) -> tuple[str, str, str]:
    """(title, body, the body's plain text for the lifecycle check)."""
    data = sheet.data
    if isinstance(item, Figures):
        return _figures(sheet, item, from_page, edit)
    if isinstance(item, Table):
        table = data.tables[item.name]
        picked = [table.columns.index(column) for column in item.columns]
        rows = [
            [_first_cell(row.cells[0], row.evidence), *(_comparison_cell(row.cells[i]) for i in picked[1:])]
            for row in table.rows
        ]
        evidence = [row.evidence for row in table.rows if row.evidence is not None]
        file = f"{comparisons.FOLDER}/{item.name}.yml"
        body = _table(item.columns, rows, item.name.replace("_", "-"), file, edit(file), evidence)
        plain = [str(cell) for row in table.rows for cell in (row.cells[i] for i in picked)]
        return table.caption, body, "\n".join([*item.columns, *plain])
    kind = item.kind
    _, file, title = BUILTINS[kind]
    headers, rows, evidence, extra = {"cidr": _cidr, "snow": _snow, "support": _support}[kind](data)
    body = _table(headers, rows, kind, file, edit(file), evidence, *extra)
    return title, body, "\n".join([*headers, *(_plain(cell) for row in rows for cell in row)])


def _figures(sheet: Sheet, item: Figures, from_page: str, edit: Callable[[str], str]) -> tuple[str, str, str]:
    """Key figures as a Markdown list (each label links to its section), with one line of sources."""
    known = sheet.data.facts
    lines = []
    for figure in item.figures:
        # facts.render with a scratch page meta: the sources go on the sheet's own line, not the page foot.
        value = facts.render(known, figure.fact, {})
        lines.append(f"- [{_html.inline(figure.label)}]({_link(from_page, sheet.sections[figure])}): {value}")
    used = [known[figure.fact] for figure in item.figures]
    files = sorted({f"{facts.FOLDER}/{fact.file}" for fact in used})
    footer = _sources_footer(files, edit, used, marks=False)  # a fact marks itself, as in prose
    body = '<div class="cheat-sheet__figures" markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n\n" + footer + "\n"
    text = "\n".join(f"{figure.label}\n{known[figure.fact].value}" for figure in item.figures)
    return "Key figures", body, text


def _table(headers: Sequence[_html.Cell], rows: list[list[_html.Cell]], name: str, file: str, edit_url: str,
           evidence: list[Evidence], *extra: _html.Cell) -> str:
    table = _html.table(headers, rows, css_class=f"data-table cheat-sheet__table cheat-sheet__table--{name}")
    return table + "\n" + _sources_footer([file], lambda _: edit_url, evidence, *extra) + "\n"


def _sources_footer(files: list[str], edit: Callable[[str], str], evidence: Iterable[Evidence], *extra: _html.Cell,
                    marks: bool = True) -> str:
    """One compact line: the data files, the distinct source pages as numbered links, when verified,
    and (`marks`) what the one-word marks on rows without an AWS page mean."""
    evidence = list(evidence)
    urls = list(dict.fromkeys(str(ev.source) for ev in evidence if ev.source is not None))
    parts: list[_html.Cell] = [_html.text("Data: ")]
    for index, file in enumerate(files):
        parts += [*([_html.text(", ")] if index else []), _html.link(edit(file), _html.tag("code", file))]
    for cell in extra:
        parts += [_html.text(" · "), cell]
    if urls:
        parts.append(_html.text(" · sources "))
        for number, url in enumerate(urls, start=1):
            parts += [*([_html.text(", ")] if number > 1 else []), _html.link(url, str(number))]
    days = sorted({ev.verified for ev in evidence})
    if days:
        span = days[0].isoformat() if len(days) == 1 else f"{days[0].isoformat()} to {days[-1].isoformat()}"
        parts.append(_html.text(f", verified {span}"))
    if marks and any(ev.confidence != "official" for ev in evidence):
        parts.append(_html.text("; (secondary) and (unconfirmed) mark rows no AWS page states"))
    return f'<p class="data-footer">{_html.join(*parts)}</p>'


def _cidr(data: ProjectData) -> tuple[list[str], list[list[_html.Cell]], list[Evidence], list[_html.Cell]]:
    vpc = data.cidr.vpc
    rows: list[list[_html.Cell]] = [
        [f"/{row.prefix}", f"{row.total:,}", "not allowed" if row.usable_in_subnet is None else f"{row.usable_in_subnet:,}"]
        for row in cidr.rows(data.cidr)
    ]
    rule = _html.text(f"VPC and subnet blocks /{vpc.min_prefix} to /{vpc.max_prefix}, {vpc.reserved_per_subnet} addresses reserved in each subnet")
    return ["Prefix", "Addresses", "Usable in an AWS subnet"], rows, [vpc], [rule]


def _snow(data: ProjectData) -> tuple[list[str], list[list[_html.Cell]], list[Evidence], list[_html.Cell]]:
    snow = data.snow
    rows: list[list[_html.Cell]] = []
    for device in snow.devices:
        status = device.status
        label = STATUS_LABELS[status.state] + (f" since {status.when}" if status.when and status.state != "available" else "")
        cell = _html.tag("span", _marked(_html.text(label), status), class_=f"status status--{status.state.replace('_', '-')}")
        rows.append([device.name, cell, snow_family.orderable_by(device)])
    return ["Device", f"Status (as of {snow.as_of.isoformat()})", "Who can order it"], rows, [d.status for d in snow.devices], []


def _support(data: ProjectData) -> tuple[list[str], list[list[_html.Cell]], list[Evidence], list[_html.Cell]]:
    plans = data.plans
    rows: list[list[_html.Cell]] = []
    evidence: list[Evidence] = []
    for plan in plans.plans:
        ends = plan.status.ends
        status = f"{STATUS_LABELS[plan.status.state]} on {ends.isoformat()}" if ends else STATUS_LABELS[plan.status.state]
        rows.append([
            plan.name,
            _html.tag("span", _marked(_html.text(status), plan.status), class_=f"status status--{plan.status.state}"),
            _minimum(plan.pricing),
            _fastest(plan.response_times),
            support_plans.TA_LABELS[plan.trusted_advisor],
            support_plans.TAM_LABELS[plan.tam],
        ])
        evidence += [ev for ev in (plan.status, plan.pricing, plan.response_times) if ev is not None]
    headers = ["Plan", "Status", "Monthly minimum", "Fastest first response", "Trusted Advisor", "Technical Account Manager"]
    return headers, rows, evidence, []


def _minimum(pricing: support_plans.Pricing | None) -> _html.Cell:
    if pricing is None:
        return _html.tag("em", "unknown")
    free = pricing.minimum_usd == 0 and pricing.tiers == []
    return _marked(_html.text("free" if free else support_plans.usd(pricing.minimum_usd)), pricing)


def _fastest(times: support_plans.ResponseTimes | None) -> _html.Cell:
    if times is None:
        return _html.tag("em", "unknown")
    if not times.times:
        return _html.text("no technical cases")
    fastest = min(times.times.values(), key=lambda t: (t.minutes if t.minutes is not None else (t.hours or 0) * 60, t.business_hours))
    return _marked(_html.text(str(fastest)), times)


def _first_cell(value: comparisons.CellValue, evidence: Evidence | None) -> _html.Cell:
    shown = _html.text(_comparison_cell(value))
    return shown if evidence is None else _marked(shown, evidence)


def _marked(value: _html.Cell, evidence: Evidence) -> _html.Markup:
    """`value`, with "(secondary)" or "(unconfirmed)" when no AWS page states it: the same marks as the
    full tables, in one word each, since the sheet's rows are short (the source line explains them)."""
    if evidence.confidence == "official":
        return _html.join(value)
    return _html.join(value, " ", _html.tag("em", f"({evidence.confidence})", class_=evidence.confidence))


def _comparison_cell(value: comparisons.CellValue) -> str:
    return f"{value:,}" if isinstance(value, int) else value


def _plain(cell: _html.Cell) -> str:
    if isinstance(cell, _html.Markup):
        return re.sub(r"<[^>]+>", " ", cell.html)
    return str(cell)


def _item_id(item: Item, domain: int) -> str:
    if isinstance(item, Figures):
        return f"key-figures-{domain}"
    if isinstance(item, Table):
        return item.name.replace("_", "-")
    return {"cidr": "cidr-sizes", "snow": "snow-status", "support": "support-plans"}[item.kind]


def _link(from_page: str, section: str) -> str:
    page, _, anchor = section.partition("#")
    link = posixpath.relpath(page, posixpath.dirname(from_page) or ".")
    return f"{link}#{anchor}" if anchor else link
