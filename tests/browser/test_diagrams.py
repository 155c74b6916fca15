"""The inline SVG diagrams on a 390 px phone: text at least 11 px, no label on top of another or
under a line, everything inside the picture, and a text alternative."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import TIMEOUT_MS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
MIN_TEXT_PX = 11
DIAGRAMS = ["security/shared-responsibility/", "compute/lambda/", "networking/vpc/"]

# Per diagram, in CSS px: each <text>'s box and rendered font size (font-size × the SVG's scale), and
# each line or path (outside <defs>) as its two end points, or its box when it is not a straight line.
MEASURE = """svg => {
  const box = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  const texts = [...svg.querySelectorAll("text")].map(t => ({
    text: t.textContent, box: box(t.getBoundingClientRect()),
    px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
  }));
  const strokes = [...svg.querySelectorAll("line, path, polyline")].filter(s => !s.closest("defs")).map(s => {
    if (s.tagName !== "line") return {box: box(s.getBoundingClientRect())};
    const m = s.getScreenCTM(), p = (x, y) => ({x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f});
    return {from: p(s.x1.baseVal.value, s.y1.baseVal.value), to: p(s.x2.baseVal.value, s.y2.baseVal.value)};
  });
  return {texts, strokes, svg: box(svg.getBoundingClientRect()),
          title: svg.querySelector("title")?.textContent || "", desc: svg.querySelector("desc")?.textContent || "",
          labelledby: (svg.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
            .map(id => document.getElementById(id)?.textContent || ""),
          role: svg.getAttribute("role"), caption: svg.closest("figure")?.querySelector("figcaption")?.textContent || ""};
}"""


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def diagrams(phone: Page, url: str) -> list[dict]:
    phone.goto(url)
    found = phone.locator("article figure.diagram svg")
    assert found.count() >= 1, url
    return [found.nth(i).evaluate(MEASURE) for i in range(found.count())]


def overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def crosses(segment: dict, box: dict) -> bool:
    """Whether the segment from `from` to `to` passes through the box (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = (segment["from"]["x"], segment["from"]["y"]), (segment["to"]["x"], segment["to"]["y"])
    dx, dy, low, high = x1 - x0, y1 - y0, 0.0, 1.0
    for p, q in ((-dx, x0 - box["left"]), (dx, box["right"] - x0), (-dy, y0 - box["top"]), (dy, box["bottom"] - y0)):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            low = max(low, q / p)
        else:
            high = min(high, q / p)
    return low < high


def touches(stroke: dict, box: dict) -> bool:
    return crosses(stroke, box) if "from" in stroke else overlap(stroke["box"], box)


@pytest.mark.parametrize("url", DIAGRAMS)
def test_diagram_text_is_at_least_11_px_on_a_phone(phone: Page, base_url: str, url: str) -> None:
    for diagram in diagrams(phone, base_url + url):
        small = [(t["text"], round(t["px"], 2)) for t in diagram["texts"] if t["px"] < MIN_TEXT_PX]
        assert not small, f"{url}: text under {MIN_TEXT_PX} px at 390 px wide: {small}"


@pytest.mark.parametrize("url", DIAGRAMS)
def test_no_label_sits_on_another_or_under_a_line(phone: Page, base_url: str, url: str) -> None:
    for diagram in diagrams(phone, base_url + url):
        texts = diagram["texts"]
        pairs = [(a["text"], b["text"]) for i, a in enumerate(texts) for b in texts[i + 1:] if overlap(a["box"], b["box"])]
        assert not pairs, f"{url}: labels on top of each other: {pairs}"
        crossed = [t["text"] for t in texts for s in diagram["strokes"] if touches(s, t["box"])]
        assert not crossed, f"{url}: a line or arrow runs through {crossed}"
        outside = [t["text"] for t in texts if not (diagram["svg"]["left"] - 0.5 <= t["box"]["left"]
                                                    and t["box"]["right"] <= diagram["svg"]["right"] + 0.5)]
        assert not outside, f"{url}: cut off at the edge of the picture: {outside}"


def test_no_arrow_crosses_the_public_subnet_label(phone: Page, base_url: str) -> None:
    """The named case from the old VPC diagram, whose internet-gateway arrow ran through this label."""
    diagram = diagrams(phone, base_url + "networking/vpc/")[0]
    label = next(t for t in diagram["texts"] if t["text"].startswith("Public subnet"))
    assert diagram["strokes"]
    assert not [s for s in diagram["strokes"] if touches(s, label["box"])]


@pytest.mark.parametrize("url", DIAGRAMS)
def test_each_diagram_keeps_a_text_alternative(phone: Page, base_url: str, url: str) -> None:
    for diagram in diagrams(phone, base_url + url):
        assert diagram["role"] == "img"
        assert len(diagram["labelledby"]) == 2 and all(diagram["labelledby"]), url  # the title and the desc
        assert diagram["title"].strip() and len(diagram["desc"].split()) >= 30 and diagram["caption"].strip()


def test_the_checks_catch_a_crossing_and_an_overlap() -> None:
    label = {"left": 10, "top": 10, "right": 60, "bottom": 20}
    assert crosses({"from": {"x": 30, "y": 0}, "to": {"x": 30, "y": 40}}, label)
    assert crosses({"from": {"x": 0, "y": 0}, "to": {"x": 70, "y": 30}}, label)  # diagonally through
    assert not crosses({"from": {"x": 70, "y": 0}, "to": {"x": 70, "y": 40}}, label)
    assert not crosses({"from": {"x": 0, "y": 30}, "to": {"x": 30, "y": 60}}, label)
    assert overlap(label, {"left": 50, "top": 15, "right": 90, "bottom": 25})
    assert not overlap(label, {"left": 60, "top": 0, "right": 90, "bottom": 30})
