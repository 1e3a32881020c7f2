"""read: encodings, newlines, folders, and clear errors for what is not text."""
from __future__ import annotations

import pytest

from generator.errors import JinaqError
from generator.ingest.read import read_input

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


# Kazakh and Russian text in each legacy encoding it is found in; KZ-1048 is told from cp1251 by
# the Kazakh letters (read as cp1251 they would be Ќ, ѕ, ј, ї…).
KK_TEXT = ("Қазақстан Республикасының сайлау жүйесі және референдум туралы заңы өзгерді.\n"
           "Ғылыми жетекші: Әбілқасымова Ұ.Ү., Өскемен, һәм Іле.\n")
RU_TEXT = ("Избирательная система Республики Казахстан: реформы 1995 года.\n"
           "Выборы в Мажилис прошли в декабре, ЦИК подвёл итоги. ЁЖИК и ёлка.\n")


@pytest.mark.parametrize("text,encoding", [
    (KK_TEXT, "kz1048"), (KK_TEXT, "utf-16"), (KK_TEXT, "utf-16-le"),
    (RU_TEXT, "cp1251"), (RU_TEXT, "koi8_r"), (RU_TEXT, "utf-16"), (RU_TEXT, "kz1048"),
    (RU_TEXT, "cp866"), (RU_TEXT, "mac_cyrillic"), (RU_TEXT, "iso8859_5"),
])
def test_each_legacy_encoding_of_kazakh_and_russian(tmp_path, text, encoding):
    p = tmp_path / "v.txt"
    p.write_bytes(text.encode(encoding))
    assert read_input(p)[0].lines == text.splitlines()


def test_kz1048_is_named_and_never_read_as_cp1251(tmp_path):
    p = tmp_path / "v.txt"
    p.write_bytes(KK_TEXT.encode("kz1048"))
    src = read_input(p)[0]
    assert src.encoding == "kz1048"
    assert not set("ЌќЎўЈјҐґЄєЇїЅѕЋћ") & set("".join(src.lines))


def test_invisible_characters_removed_where_they_mean_nothing(tmp_path):
    p = tmp_path / "v.txt"
    p.write_text("\ufeffҚаз\ufeffақстан\u200b Республикасы\u2060\n"
                 "\ufeffекінші жол\u200c, \u200dүшінші\n"
                 "فارسی: می\u200cخواهم 👩\u200d💻\n", encoding="utf-8")
    lines = read_input(p)[0].lines
    assert lines[:2] == ["Қазақстан Республикасы", "екінші жол, үшінші"]
    # Between Persian letters and in an emoji sequence the joiners mean something: kept.
    assert lines[2] == "فارسی: می\u200cخواهم 👩\u200d💻"


def test_a_joiner_at_a_line_break_means_nothing_and_no_line_is_lost(tmp_path):
    # Between two Persian letters the joiner is kept; at a line's end or start, beside the
    # break, there is no letter to join, even where the next line begins with one.
    p = tmp_path / "v.txt"
    p.write_text("می\u200cخواهم می\u200c\n\u200dخواهم\n\u200b\nآخر\n", encoding="utf-8")
    lines = read_input(p)[0].lines
    assert lines == ["می\u200cخواهم می", "خواهم", "", "آخر"]


def test_a_file_in_the_folder_that_is_no_volume_is_named(tmp_path, caplog):
    (tmp_path / "a.txt").write_text("Первая часть тома.\n", encoding="utf-8")
    (tmp_path / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "b.txt").write_bytes(b"PK\x03\x04" + bytes(64))  # a .docx saved as .txt
    (tmp_path / ".DS_Store").write_bytes(bytes(16))  # hidden: the desktop's, not the editor's
    with pytest.raises(JinaqError) as e:
        read_input(tmp_path)
    assert "b.txt" in str(e.value) and "--skip-bad" in str(e.value)
    (tmp_path / "b.txt").unlink()
    with pytest.raises(JinaqError) as e:
        read_input(tmp_path)
    assert "cover.png" in str(e.value) and "not a volume file" in str(e.value)
    with caplog.at_level("WARNING"):
        sources = read_input(tmp_path, skip_bad=True)
    assert [s.name for s in sources] == ["a.txt"]
    assert "cover.png" in caplog.text


# ---- the memo a preview (or a one-off build's cache) keeps between builds

def test_an_unchanged_file_is_taken_from_the_memo_with_its_warnings(tmp_path, caplog,
                                                                     monkeypatch):
    import generator.ingest.read as read

    (tmp_path / "a.txt").write_text("Бірінші\x00 жол\nЕкінші жол\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Үшінші жол\n", encoding="utf-8")
    memo: dict = {}
    first = read_input(tmp_path, memo=memo)
    decoded = []
    monkeypatch.setattr(read, "decode", lambda data, name: decoded.append(name) or ("x\n", "x"))
    caplog.clear()
    again = read_input(tmp_path, memo=memo)
    assert decoded == []  # nothing decoded again
    assert [(s.name, s.lines) for s in again] == [(s.name, s.lines) for s in first]
    assert [r.getMessage() for r in caplog.records if "stray control" in r.getMessage()] == [
        f"jinaq: warning: {tmp_path / 'a.txt'}:1: 1 stray control character(s) (NUL, …) removed"]
    again[0].lines.append("changed by a later stage")
    assert read_input(tmp_path, memo=memo)[0].lines == first[0].lines


def test_an_edited_file_is_read_again_and_replaces_its_older_reading(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Бірінші жол\n", encoding="utf-8")
    memo: dict = {}
    read_input(tmp_path, memo=memo)
    p.write_text("Түзетілген жол\n", encoding="utf-8")
    assert read_input(tmp_path, memo=memo)[0].lines == ["Түзетілген жол"]
    assert len(memo) == 1


def test_a_pdf_and_a_text_file_are_read_once_and_kept_in_the_saved_cache(tmp_path, monkeypatch):
    import generator.ingest.pdf as pdf
    import generator.ingest.read as read
    from generator.pipeline import BuildCache
    from make_pdf import make_pdf

    (tmp_path / "in").mkdir()
    make_pdf(tmp_path / "in" / "a.pdf", ["Бірінші бет\nМәтін жолы"])
    (tmp_path / "in" / "b.txt").write_text("Мәтін\n", encoding="utf-8")
    cache = BuildCache()
    first = read_input(tmp_path / "in", memo=cache.read)
    parsed, decoded = [], []
    real = pdf.read_pdf
    monkeypatch.setattr(pdf, "read_pdf", lambda p, single=False: parsed.append(p) or real(p, single))
    monkeypatch.setattr(read, "decode", lambda data, name: decoded.append(name) or ("x\n", "x"))
    cache.save(tmp_path / "cache.pickle")
    kept = BuildCache.load(tmp_path / "cache.pickle")
    assert sorted(k[0] for k in kept.read) == ["pdf", "text"]
    again = read_input(tmp_path / "in", memo=kept.read)
    assert parsed == [] and decoded == []
    assert [s.lines for s in again] == [s.lines for s in first]


def test_a_file_gone_from_the_input_leaves_the_memo(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Мәтін {name}\n", encoding="utf-8")
    memo: dict = {}
    read_input(tmp_path, memo=memo)
    (tmp_path / "b.txt").unlink()
    read_input(tmp_path, memo=memo)
    assert [k[1] for k in memo] == [str(tmp_path / "a.txt")]


@pytest.mark.parametrize("char", ["\x01", "\x08", "\x0e", "\x1b"])
def test_a_stray_control_character_in_utf8_text_is_removed_and_named(tmp_path, caplog, char):
    """Each of the control characters extracted text never holds, at the first and last of
    the ranges, is found in UTF-8 text (among Cyrillic letters, whose bytes are all above 0x7f)
    and removed with a warning naming its line; tab, line and page breaks are kept."""
    p = tmp_path / "a.txt"
    p.write_text(f"Бірінші жол\tмұнда\nЕкінші{char} жол\fүшінші\n", encoding="utf-8")
    (src,) = read_input(p)
    assert src.lines == ["Бірінші жол\tмұнда", "Екінші жол\fүшінші"]
    assert [r.getMessage() for r in caplog.records if "stray control" in r.getMessage()] == [
        f"jinaq: warning: {p}:2: 1 stray control character(s) (NUL, …) removed"]


def test_a_file_the_editor_is_still_saving_is_read_once_saved(tmp_path, monkeypatch):
    """In a preview (a read memo kept between builds), a file changed since the last build may
    be half written when the rebuild reads it: it is watched a moment (SAVE_QUIET) and read
    again when the save goes on, so the build sees the saved file, not its first part. A file
    the memo has never seen (the first build) is read without waiting."""
    import os
    import time

    from generator.util import fsutil

    p = tmp_path / "a.txt"
    p.write_text("Бірінші жол\n", encoding="utf-8")
    memo: dict = {}
    slept = []
    monkeypatch.setattr(fsutil, "_sleep", slept.append)
    assert read_input(tmp_path, memo=memo)[0].lines == ["Бірінші жол"]
    assert slept == []
    whole = "Бірінші жол\n" + "Екінші жол\n" * 500
    p.write_text(whole[:40], encoding="utf-8")  # the save has begun, a moment ago
    just = time.time_ns() + 1
    os.utime(p, ns=(just, just))

    def save_goes_on(seconds):
        if not slept:
            p.write_text(whole, encoding="utf-8")
        slept.append(seconds)

    monkeypatch.setattr(fsutil, "_sleep", save_goes_on)
    (src,) = read_input(tmp_path, memo=memo)
    assert len(src.lines) == 501 and slept
