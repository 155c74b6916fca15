"""YAML that means something other than it says is rejected with the file and line, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros._data import Model, Text, load, read_yaml
from macros._errors import DataError


class Tiny(Model):
    name: Text
    value: int | str | bool | None = None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: a\nname: b\n", "t.yml: entry line 2, field -: not valid YAML: duplicate key 'name' (first on line 1)"),
        ("name: a\nvalue: no\n", "t.yml: entry line 2, field -: not valid YAML: 'no' would be read as a yes/no value"),
        ("name: a\nvalue: On\n", "'On' would be read as a yes/no value: write true or false, or quote it as text"),
        ("name: a\nvalue: 1:30\n", "t.yml: entry line 2, field -: not valid YAML: '1:30' would be read as a base-60 number"),
        ("name: a\nvalue: 010\n", "'010' would be read as an octal number: write 10 or quote it as text"),
        ("name: a\nvalue:\n\tb: 1\n", "t.yml: entry line 3, field -: not valid YAML: a tab character: indent YAML with spaces only"),
        ("- name: a\n", "t.yml: entry -, field -: the file must be a mapping of fields (`key: value` lines), found a list"),
        ("", "the file must be a mapping of fields (`key: value` lines), found nothing"),
    ],
)
def test_ambiguous_yaml_fails_with_one_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "t.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(path, Tiny, root=tmp_path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_file_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "t.yml"
    path.write_bytes(b"name: a\nvalue: n\xe9e\n")  # Latin-1, not UTF-8
    with pytest.raises(DataError, match=r"^t\.yml: entry line 2, field -: not UTF-8 text: save the file as UTF-8$"):
        load(path, Tiny, root=tmp_path)


@pytest.mark.parametrize(
    ("text", "value"),
    [("value: true", True), ("value: 'no'", "no"), ('value: "1:30"', "1:30"), ("value: 10", 10), ("value: 0", 0), ("value: ~", None)],
)
def test_what_yaml_12_and_a_reader_agree_on_still_loads(tmp_path: Path, text: str, value: object) -> None:
    path = tmp_path / "t.yml"
    path.write_text(f"name: a\n{text}\n", encoding="utf-8")
    assert read_yaml(path, "t.yml")["value"] == value
