"""read: encodings, newlines, folders, and clear errors for what is not text."""
from __future__ import annotations

import pytest

from generator.errors import JinaqError
from generator.read import read_input

KK = "Сайлау жүйесі және референдум\nЕкінші жол\n"


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("cp1251", b""),
])
def test_encodings_detected(tmp_path, encoding, prefix):
    text = KK if encoding != "cp1251" else "Избирательная система и референдум в Казахстане\n" * 5
    p = tmp_path / "v.txt"
    p.write_bytes(prefix + text.encode(encoding))
    src = read_input(p)[0]
    assert src.lines[0] == text.splitlines()[0]


def test_crlf_and_cr_normalised_and_lines_kept(tmp_path):
    p = tmp_path / "v.txt"
    p.write_bytes("один\r\nдва\rтри\r\n".encode())
    assert read_input(p)[0].lines == ["один", "два", "три"]


def test_folder_in_name_order(tmp_path):
    (tmp_path / "b.txt").write_text("второй\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("первый\n", encoding="utf-8")
    assert [s.name for s in read_input(tmp_path)] == ["a.txt", "b.txt"]


@pytest.mark.parametrize("content,message", [
    (b"", "empty"), (b"   \n\n \t\n", "empty"), (b"\x00\x01\x02binary\x00", "binary"),
])
def test_bad_input_is_a_clear_error(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(JinaqError) as e:
        read_input(p)
    assert message in str(e.value) and "bad.txt" in str(e.value)


def test_missing_input(tmp_path):
    with pytest.raises(JinaqError, match="not found"):
        read_input(tmp_path / "nope.txt")
