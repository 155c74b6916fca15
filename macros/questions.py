"""The question bank (data/questions/*.yml): exam-style questions in our own words, each tied to an
exam task statement, the section that answers it, and the data its answer rests on.

A question can never go stale silently: when a fact, table or lifecycle entry it depends on was
verified after the question was last reviewed, or when it names a retired or changed service
without depending on that service's lifecycle entry, loading fails with one line naming the
question and the change. `render_page` draws a page's questions (readable without JavaScript);
`bank_json` feeds the practice exams.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import posixpath
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, PrivateAttr, model_validator

from macros import _html, lifecycle
from macros._data import Date, Model, Slug, Text, load
from macros._errors import DataError

FOLDER = "data/questions"
SCRIPT = "javascripts/practice.js"  # under docs/, loaded only where questions are (its styles are in extra.css)
PRACTICE_PAGE = "practice/index.md"
# Every question, as a script the practice exams load when one starts. A script, not a page to fetch:
# a browser refuses fetch() on a page opened from disk (the offline copy), but loads a script from it.
BANK_SCRIPT = "practice/bank.js"
BANK_GLOBAL = "practiceBank"  # the variable the script sets, read by docs/javascripts/practice.js
PRACTICE_ID = "practice-questions"  # the heading the questions of a page go under

Section = Annotated[str, Field(strict=True, pattern=r"^[a-z0-9][a-z0-9_./-]*\.md#[a-z0-9][a-z0-9_-]*$")]
TaskId = Annotated[str, Field(strict=True, pattern=r"^[1-9]\.[1-9][0-9]?$")]
# What an answer rests on: "fact:lambda-max-timeout", "lifecycle:snowmobile", "table:s3_storage_classes",
# "plan:business", "device:snowcone-hdd" or "cidr".
Dependency = Annotated[str, Field(strict=True, pattern=r"^(fact|lifecycle|table|plan|device):[a-z0-9_-]+$|^cidr$")]

LENGTH_GIVEAWAY = 1.6  # a correct option this many times longer than the longest wrong one gives it away
NEAR_DUPLICATE = 0.9  # stems this similar (difflib ratio, after normalizing) are the same question


class Option(Model):
    text: Text
    correct: bool = False
    why: Text  # why this option is right or wrong, in a sentence or two


class Question(Model):
    id: Slug
    task: TaskId
    stem: Text
    options: Annotated[list[Option], Field(min_length=4, max_length=6)]
    section: Section
    reviewed: Date
    depends_on: list[Dependency] = []

    _file: str = PrivateAttr(default="")

    @property
    def domain(self) -> int:
        return int(self.task.split(".")[0])

    @property
    def answers(self) -> list[int]:
        return [index for index, option in enumerate(self.options) if option.correct]

    @property
    def multiple(self) -> bool:
        return len(self.answers) > 1

    @model_validator(mode="after")
    def _like_the_exam(self) -> Question:
        right = self.answers
        if not right:
            raise ValueError("@options: no option has `correct: true`")
        if len(right) == 1 and len(self.options) != 4:
            raise ValueError(f"@options: a multiple-choice question has 4 options (one correct), not {len(self.options)}")
        if len(right) > 1 and len(self.options) < 5:
            raise ValueError(f"@options: a multiple-response question ({len(right)} correct) has 5 or more options, not {len(self.options)}")
        if len(right) > 1 and not re.search(r"\(Choose (two|three)\.\)$", self.stem):
            words = {2: "two", 3: "three"}.get(len(right), str(len(right)))
            raise ValueError(f"@stem: a multiple-response question ends with \"(Choose {words}.)\", as the exam says how many to pick")
        texts = [_normal(option.text) for option in self.options]
        for index in right:
            for other, text in enumerate(texts):
                if other != index and not self.options[other].correct and text == texts[index]:
                    raise ValueError(f"@options.{other}: worded like the correct option {index}: a distractor must differ from the answer")
        if len(set(texts)) != len(texts):
            raise ValueError("@options: two options say the same thing")
        wrong = [len(o.text) for o in self.options if not o.correct]
        for index in right:
            if len(right) == 1 and len(self.options[index].text) > LENGTH_GIVEAWAY * max(wrong) and len(self.options[index].text) > 40:
                raise ValueError(
                    f"@options.{index}: the correct option is over {LENGTH_GIVEAWAY} times as long as every wrong one, "
                    "which gives it away: shorten it or make the distractors as specific"
                )
        return self


class QuestionFile(Model):
    questions: Annotated[list[Question], Field(min_length=1)]


@dataclass(frozen=True)
class Bank:
    questions: list[Question]

    def on_page(self, page: str) -> list[Question]:
        return [q for q in self.questions if q.section.split("#", 1)[0] == page]

    def per_task(self) -> Counter[str]:
        return Counter(q.task for q in self.questions)

    def per_domain(self) -> Counter[int]:
        return Counter(q.domain for q in self.questions)


def load_all(root: Path, context: dict[str, Any] | None = None) -> Bank:
    questions: list[Question] = []
    seen: dict[str, str] = {}
    for path in sorted((root / FOLDER).glob("*.yml")):
        name = path.relative_to(root).as_posix()
        for index, question in enumerate(load(path, QuestionFile, root=root, context=context).questions):
            where = f"questions[{index}] ({question.id})"
            if question.id in seen:
                raise DataError(name, where, "id", f"this id is already used in {seen[question.id]}")
            seen[question.id] = name
            question._file = name
            questions.append(question)
    _check_stems(questions)
    return Bank(questions)


# --- Cross-checks against the rest of the data (called by macros.project) --------------------------


def check(bank: Bank, *, tasks: Iterable[str], anchors: set[str], verified: dict[str, dt.date],
          changes: lifecycle.Lifecycle) -> None:
    """Each question's task exists, its section is a heading of the site, each dependency exists and
    was not verified after the question was reviewed, and every retired or changed service it names
    is among its dependencies and said so in an explanation."""
    known_tasks = set(tasks)
    for question, where in _located(bank):
        if question.task not in known_tasks:
            raise _error(question, where, "task", f"unknown task {question.task!r}; expected a task id of data/exam_guide.yml, such as 1.1")
        if question.section not in anchors:
            page = question.section.split("#", 1)[0]
            close = difflib.get_close_matches(question.section, sorted(a for a in anchors if a.startswith(page)), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise _error(question, where, "section", f"{question.section} is not a heading of the site{hint}")
        for dependency in question.depends_on:
            if dependency not in verified:
                raise _error(question, where, "depends_on", f"unknown dependency {dependency!r}; expected fact:ID, lifecycle:ID, table:NAME, plan:ID, device:ID or cidr")
            if verified[dependency] > question.reviewed:
                raise _error(
                    question, where, "reviewed",
                    f"{dependency} was verified on {verified[dependency].isoformat()}, after this question was reviewed "
                    f"({question.reviewed.isoformat()}): check the answer still holds, then set `reviewed` to today",
                )
        text = "\n".join([question.stem, *(f"{o.text}\n{o.why}" for o in question.options)])
        listed = {d.split(":", 1)[1] for d in question.depends_on if d.startswith("lifecycle:")}
        for entry, term in lifecycle.unflagged(changes, text, listed):
            raise _error(
                question, where, "depends_on",
                f"names {term!r}, which {lifecycle.FILE} records as {lifecycle.LABELS[entry.change].lower()}: "
                f"add lifecycle:{entry.id} and say so in an explanation",
            )
        explained = " ".join(o.why for o in question.options).lower()
        for entry_id in sorted(listed):
            entry = changes.entry(entry_id)
            said = [lifecycle.LABELS[entry.change].lower(), *( [lifecycle.LABELS[entry.then.change].lower()] if entry.then else [])]
            if not any(word in explained for word in said):
                raise _error(question, where, "options", f"depends on lifecycle:{entry_id}: an explanation must say the service is {said[0]}")


def dependency_dates(tables: dict[str, Any], facts: dict[str, Any], changes: lifecycle.Lifecycle,
                     plans: Any, snow: Any, cidr_verified: dt.date) -> dict[str, dt.date]:
    """The latest `verified` date of everything a question can depend on, by dependency id."""
    dates: dict[str, dt.date] = {"cidr": cidr_verified}
    dates |= {f"fact:{fid}": fact.verified for fid, fact in facts.items()}
    dates |= {f"lifecycle:{e.id}": e.verified for e in changes.entries}
    for name, table in tables.items():
        days = [row.evidence.verified for row in table.rows if row.evidence is not None]
        dates[f"table:{name}"] = max(days) if days else dt.date.min
    for plan in plans.plans:
        days = [ev.verified for ev in _evidence_in(plan)]
        dates[f"plan:{plan.id}"] = max(days) if days else plans.as_of
    for device in snow.devices:
        days = [ev.verified for ev in _evidence_in(device)]
        dates[f"device:{device.id}"] = max(days) if days else snow.as_of
    return dates


# --- Rendering ------------------------------------------------------------------------------------


def render_page(bank: Bank, page: str, page_url: str, directory_urls: bool = True) -> str:
    """The page's questions as HTML forms: with JavaScript, choose and check in place; without it,
    each answer and its reasons are in a <details> under the question.

    `directory_urls` is the site's URL style (MkDocs' `use_directory_urls`): the links are raw HTML,
    which the engine does not rewrite, so they are written for the style the site is built with."""
    questions = bank.on_page(page)
    if not questions:
        return ""
    exams = posixpath.relpath(PRACTICE_PAGE, posixpath.dirname(page) or ".")
    parts = [
        # Out of the search index: a question's wording would outrank the section that answers it.
        f"## Practice questions {{ #{PRACTICE_ID} data-search-exclude }}\n",
        f"Choose an answer, check it, and see why. The [practice exams]({exams}) mix questions from every page.\n",
        _assets(page_url),
        '<div class="practice" data-practice="page" data-search-exclude>',
    ]
    for question in questions:
        parts.append(_question_html(question, page_url, directory_urls))
    parts.append("</div>")
    return "\n".join(parts) + "\n"


def render_exam(page_url: str, guide_domains: list[tuple[int, str, int]], size: int, directory_urls: bool = True) -> str:
    """The practice exam's container and its settings: the domains and weights, the number of questions
    in a full exam (`size`: the exam's scored plus unscored questions, from the exam guide), and where
    the bank is. The bank is fetched only when an exam starts, so the page's first view stays light."""
    settings = {
        "size": size,
        "domains": [{"id": d, "name": n, "weight": w} for d, n, w in guide_domains],
        "bank": _relative(page_url, BANK_SCRIPT),
        "root": _root(page_url),
    }
    return "\n".join([
        _assets(page_url, at_once=True),
        f'<script type="application/json" id="practice-settings">{_json(settings)}</script>',
        '<div class="practice-exam" data-practice="exam"></div>',
        "<noscript><p>The practice exams need JavaScript. Without it, every question is still on its topic "
        "page, under Practice questions, with its answer and the reasons.</p></noscript>",
    ]) + "\n"


def bank_script(bank: Bank, directory_urls: bool = True) -> str:
    """Every question as JSON in a script (BANK_SCRIPT): links are relative to the site root. The
    JSON is the whole value, so the questions are data for practice.js, never code."""
    questions = [_question_json(q, directory_urls) for q in bank.questions]
    return f"window.{BANK_GLOBAL} = {_json({'questions': questions})};\n"


def write_bank(bank: Bank, site_dir: Path, directory_urls: bool = True) -> Path:
    """Write the bank's script into the built site, after the pages (the build's last step)."""
    path = site_dir / BANK_SCRIPT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(bank_script(bank, directory_urls), encoding="utf-8")
    return path


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _root(page_url: str) -> str:
    rel = posixpath.relpath(".", _base(page_url) or ".")
    return "" if rel == "." else rel + "/"


def _question_html(question: Question, page_url: str, directory_urls: bool) -> str:
    kind = "checkbox" if question.multiple else "radio"
    name = f"q-{question.id}"
    options = "\n".join(
        f'<label class="practice__option"><input type="{kind}" name="{name}" value="{index}"> '
        f"{_html.text(option.text)}</label>"
        for index, option in enumerate(question.options)
    )
    reasons = "\n".join(
        f'<li class="practice__reason practice__reason--{"right" if o.correct else "wrong"}">'
        f'<strong>{"Correct" if o.correct else "Wrong"}:</strong> {_html.text(o.text)}. {_html.text(o.why)}</li>'
        for o in question.options
    )
    href = _url(page_url, question.section, directory_urls)
    return (
        f'<form class="practice__question" id="q-{question.id}" data-id="{question.id}" data-answer="{",".join(map(str, question.answers))}" '
        f'data-domain="{question.domain}" data-task="{question.task}">\n'
        f"<fieldset>\n<legend>{_html.text(question.stem)}</legend>\n{options}\n</fieldset>\n"
        '<p class="practice__actions"><button type="submit" class="md-button practice__check" hidden>Check</button></p>\n'
        '<p class="practice__feedback" role="status" aria-live="polite"></p>\n'
        f'<details class="practice__answer"><summary>Answer and why</summary>\n<ul>\n{reasons}\n</ul>\n'
        f'<p>Task {question.task}. <a href="{href}">Read the section that answers it</a></p>\n</details>\n'
        "</form>"
    )


def _question_json(question: Question, directory_urls: bool = True) -> dict[str, Any]:
    page, anchor = question.section.split("#", 1)
    where = _page_path(page, directory_urls)
    return {
        "id": question.id,
        "d": question.domain,
        "t": question.task,
        "s": question.stem,
        "o": [o.text for o in question.options],
        "w": [o.why for o in question.options],
        "a": question.answers,
        "u": f"{where}#{anchor}",  # the section that answers it, from the site root
        "q": f"{where}#q-{question.id}",  # the question itself, with its reasons, on that page
    }


def _assets(page_url: str, at_once: bool = False) -> str:
    """The practice script. On a topic page it is added once the page has loaded (at once after an
    instant navigation): the questions read without it, it is not needed for the first paint, and
    requested earlier it held up the stylesheets that are. The practice exam page (`at_once`) is
    drawn by it, so there it is deferred as before: added after load, the exam appeared late and
    moved the page (Lighthouse's layout shift, 0.05)."""
    src = json.dumps(posixpath.relpath(SCRIPT, _base(page_url) or "."))
    if at_once:
        return f'<script src={src} defer></script>'
    return ('<script>(function () { function add() { var s = document.createElement("script"); '
            f's.src = {src}; document.body.appendChild(s) }} '
            'if (document.readyState === "complete") add(); else addEventListener("load", add, { once: true }) })()</script>')


def _url(page_url: str, section: str, directory_urls: bool = True) -> str:
    """The link from the page at `page_url` to `section` ("page.md#id"), in the site's URL style."""
    page, anchor = section.split("#", 1)
    return _relative(page_url, _page_path(page, directory_urls)) + "#" + anchor


def _base(page_url: str) -> str:
    """The folder a page's relative links start from: "compute/ec2/" → "compute/ec2",
    "compute/ec2.html" → "compute"."""
    return page_url.rstrip("/") if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)


def _page_path(page: str, directory_urls: bool) -> str:
    """Where a page ("compute/ec2.md") is served, from the site root: "compute/ec2/" with directory URLs
    (an index page is its folder, "compute/", and the home page ""), "compute/ec2.html" without them
    (as in the offline copy, opened from disk, where a folder does not open its index.html)."""
    stem = page.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    folder = stem.removesuffix("index").rstrip("/")
    return folder + "/" if folder else ""


def _relative(page_url: str, target: str) -> str:
    """The relative link from the page at `page_url` to `target` (a path from the site root, as
    _page_path gives it); "" when the target is the page itself, in directory style."""
    base = _base(page_url) or "."
    if target.endswith("/") or not target:
        rel = posixpath.relpath(target.rstrip("/") or ".", base)
        return "" if rel == "." else rel + "/"
    return posixpath.relpath(target, base)


def _normal(text: str) -> str:
    text = re.sub(r"[^\w\s]", "", text.lower())
    return " ".join(word for word in text.split() if word not in {"a", "an", "the"})


def _check_stems(questions: list[Question]) -> None:
    """No question twice: the same stem, or one that shares almost all its words with another (word
    sets first, since comparing every pair of 300 stems character by character is slow)."""
    seen: list[tuple[set[str], str, Question]] = []
    for question in questions:
        stem = _normal(question.stem)
        words = set(stem.split())
        for other_words, other_stem, other in seen:
            overlap = len(words & other_words) / max(1, len(words | other_words))
            if stem == other_stem or (overlap >= 0.8 and difflib.SequenceMatcher(None, stem, other_stem).ratio() >= NEAR_DUPLICATE):
                raise DataError(question._file, f"questions ({question.id})", "stem",
                                f"the same question as {other.id} in {other._file}: ask something else, or merge them")
        seen.append((words, stem, question))


def _located(bank: Bank) -> Iterable[tuple[Question, str]]:
    counters: Counter[str] = Counter()
    for question in bank.questions:
        yield question, f"questions[{counters[question._file]}] ({question.id})"
        counters[question._file] += 1


def _error(question: Question, where: str, field: str, problem: str) -> DataError:
    return DataError(question._file, where, field, problem)


def _evidence_in(node: Any) -> list[Any]:
    from pydantic import BaseModel

    from macros._data import Evidence

    found = [node] if isinstance(node, Evidence) else []
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            found += _evidence_in(getattr(node, name))
    elif isinstance(node, list):
        for item in node:
            found += _evidence_in(item)
    return found
