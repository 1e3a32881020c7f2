"""PDF input read with its layout (issue #23), through the public interfaces: `jinaq extract` and
`extract_volume` on generated PDFs (tests/make_pdf.py, tests/pdf_volume.py) with a two-column
page, running heads, page numbers, superscript marks, titles in a larger font; a folder of
per-article PDFs as one volume; encrypted, scanned and listed-but-missing files."""
from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
import yaml

from generator.pipeline import extract_volume
from generator.ingest.read import read_input
from jinaq_testing import ROOT, run_jinaq
from make_pdf import Para, make_layout_pdf, make_scanned_pdf
from pdf_volume import (EXPECTED, HEAD, RU_ARTICLE, RU_BODY_1, RU_BODY_2, volume_order,
                        write_single_pdf, write_volume)
from test_errors import one_error_line


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return write_volume(tmp_path_factory.mktemp("pdfvol") / "raw")


@pytest.fixture(scope="module")
def ordered(folder, tmp_path_factory) -> dict:
    """`jinaq extract` on the folder with a volume.yml that lists its files in print order."""
    meta = tmp_path_factory.mktemp("meta") / "volume.yml"
    meta.write_text(yaml.safe_dump({"files": volume_order()}), encoding="utf-8")
    proc = run_jinaq("extract", str(folder), "--volume", str(meta), "--no-enrich")
    assert "warning" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


def _by_source(volume: dict) -> dict[str, dict]:
    return {a["source"]: a for a in volume["articles"]}


def test_files_are_read_in_volume_yml_order(ordered):
    assert ordered["source"] == volume_order()
    assert [a["source"] for a in ordered["articles"]] == ["b_ru.pdf", "a_kk.pdf"]


def test_without_a_list_files_are_read_in_name_order(folder):
    volume = extract_volume(folder, do_enrich=False)
    assert volume.source == sorted(volume_order())
    assert [a.source for a in volume.articles] == ["a_kk.pdf", "b_ru.pdf"]


@pytest.mark.parametrize("source", sorted(EXPECTED))
def test_articles_field_by_field(ordered, source):
    a = _by_source(ordered)[source]
    want = EXPECTED[source]
    # The title: the large bold lines, without the small journal line above it or its mark.
    assert a["title"] == want["title"]
    assert [(x["name"], x["affiliation"]) for x in a["authors"]] == want["authors"]
    assert a["authors"][0]["email"] == want["email"]
    assert a["pages"] == want["pages"]
    assert a["language"] == want["language"]
    assert a["abstract"].startswith(want["abstract"])
    assert a["keywords"] == want["keywords"]
    assert len(a["references"]) == want["references"]
    assert a["complete"] is True
    assert HEAD not in a["body"]  # the running head is furniture, not text
    assert not any(x in a["body"].split() for x in map(str, range(11, 15)))  # nor page numbers


def test_small_print_above_the_title_is_kept_but_not_the_title(ordered):
    a = _by_source(ordered)["b_ru.pdf"]
    assert "Вестник молодых учёных, 2024, № 1" in a["front_matter_other"]


def test_two_column_page_is_read_column_by_column(ordered):
    a = _by_source(ordered)["b_ru.pdf"]
    # The sentence runs from the foot of the left column to the top of the right one.
    assert "опыта работы с компьютером, то есть её нельзя объяснить составом выборки" in a["body"]
    body = a["body"]
    assert body.index("Доля жителей") < body.index("Различия между городами") \
        < body.index("нуждается в доработке")
    assert a["references"][0].startswith("Ахметова Д.Ж. Электронный акимат")


def test_layout_of_the_two_column_page(folder):
    src = read_input(folder / "b_ru.pdf")[0]
    page2 = [(line.lstrip("\f"), lay) for line, lay in zip(src.lines, src.layout)
             if lay is not None and lay.page == 1 and not lay.furniture]
    columns = [lay.column for _, lay in page2]
    assert set(columns) == {1, 2} and columns == sorted(columns)  # left column first
    assert page2[0][0] == "Результаты" and page2[0][1].bold


def test_superscript_marks_are_glued_to_the_word_before(folder):
    lines = list(read_input(folder / "b_ru.pdf")[0].lines)
    assert "Иванов А.Б.¹, Петрова В.Г.²" in lines
    assert "¹Казахский национальный университет, Алматы, Казахстан" in lines
    assert "самоуправлении*" in lines


def test_running_heads_and_page_numbers_are_named_furniture(ordered, folder):
    src = read_input(folder / "b_ru.pdf")[0]
    furniture = {(f["source"], f["rule"]): f["lines"] for f in ordered["furniture"]}
    heads = [n for n, line in enumerate(src.lines, 1) if line.lstrip("\f") == HEAD]
    numbers = [n for n, line in enumerate(src.lines, 1) if line.lstrip("\f") in ("11", "12")]
    assert furniture[("b_ru.pdf", "running-head")] == heads and len(heads) == 2
    assert furniture[("b_ru.pdf", "page-number")] == numbers and len(numbers) == 2


def test_every_line_is_owned_or_furniture(ordered, folder):
    owned: dict[str, set[int]] = {}
    for unit in ordered["articles"] + ordered["regions"]:
        for a, b in unit["line_ranges"]:
            owned.setdefault(unit["source"], set()).update(range(a, b + 1))
    for f in ordered["furniture"]:
        owned.setdefault(f["source"], set()).update(f["lines"])
    for name in volume_order():
        src = read_input(folder / name)[0]
        text = {n for n, line in enumerate(src.lines, 1) if line.strip("\f ")}
        assert text <= owned.get(name, set()), name


def test_title_page_and_imprint_files_are_regions(ordered):
    regions = {r["source"]: r for r in ordered["regions"]}
    assert regions["00_title.pdf"]["kind"] == "front_matter"
    assert "ISBN 978-601-000-000-0" in regions["00_title.pdf"]["body"]
    assert regions["zz_imprint.pdf"]["kind"] == "back_matter"


def test_one_pdf_holding_the_whole_volume(tmp_path):
    volume = extract_volume(write_single_pdf(tmp_path / "volume.pdf"), do_enrich=False).to_dict()
    assert [a["title"] for a in volume["articles"]] == [EXPECTED[s]["title"]
                                                        for s in ("b_ru.pdf", "a_kk.pdf")]
    assert [a["pages"] for a in volume["articles"]] == [[11, 12], [13, 14]]
    assert [r["kind"] for r in volume["regions"]] == ["front_matter", "back_matter"]
    assert [[x["name"] for x in a["authors"]] for a in volume["articles"]] == [
        ["Иванов А.Б.", "Петрова В.Г."], ["Сейітқали Н.Б."]]


def test_a_folder_may_mix_text_and_pdf(folder, tmp_path):
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "b_ru.pdf").write_bytes((folder / "b_ru.pdf").read_bytes())
    (mixed / "c_kk.txt").write_text(
        "ЖЕРГІЛІКТІ БАСҚАРУДАҒЫ ЦИФРЛЫҚ ҚЫЗМЕТТЕР\nСағынтаева Д.Ж.\n"
        "Абай атындағы Қазақ ұлттық педагогикалық университеті, Алматы қ., Қазақстан\n"
        "Аңдатпа. Мақалада әкімдіктердің онлайн қызметтері талданады.\n"
        "Түйін сөздер: әкімдік, цифрлық қызмет.\n"
        "Әкімдіктердің онлайн қызметтері 2021 жылдан бастап кеңейді. Тұрғындар өтініштерді "
        "порталда қалдыра алады, ал жауап мерзімі қысқарды.\n"
        "Әдебиеттер тізімі\n1. Сағынтаева Д.Ж. Цифрлық әкімдік. – Алматы, 2022. – 90 б.\n",
        encoding="utf-8")
    volume = extract_volume(mixed, do_enrich=False)
    assert [(a.source, a.title) for a in volume.articles] == [
        ("b_ru.pdf", EXPECTED["b_ru.pdf"]["title"]),
        ("c_kk.txt", "ЖЕРГІЛІКТІ БАСҚАРУДАҒЫ ЦИФРЛЫҚ ҚЫЗМЕТТЕР")]


def test_pdf_page_labels_give_pages_when_none_are_printed(tmp_path):
    pages = [[Para("Статья о выборах в местные органы власти. " * 3)], [Para("Продолжение.")]]
    src = read_input(make_layout_pdf(tmp_path / "labels.pdf", pages, first_label=41))[0]
    assert set(src.page_of_line) == {41, 42}
    src = read_input(make_layout_pdf(tmp_path / "plain.pdf", pages))[0]
    assert set(src.page_of_line) == {None}  # nothing printed, no labels: no page numbers


def test_aes_encrypted_pdf_with_an_empty_password_opens(tmp_path):
    path = make_layout_pdf(tmp_path / "open.pdf", [[Para("Цифровые услуги акиматов.")]],
                           encrypt=True, password="")
    assert b"/AESV2" in path.read_bytes()
    assert read_input(path)[0].lines == ["Цифровые услуги акиматов."]


def test_pdf_that_needs_a_password_is_one_error_line(tmp_path):
    path = make_layout_pdf(tmp_path / "locked.pdf", [[Para("Цифровые услуги акиматов.")]],
                           encrypt=True, password="secret")
    message = one_error_line(run_jinaq("extract", str(path), check=False), "locked.pdf")
    assert "password" in message


def test_scanned_pdf_says_ocr_is_needed(tmp_path):
    path = make_scanned_pdf(tmp_path / "scan.pdf")
    message = one_error_line(run_jinaq("extract", str(path), check=False), "scan.pdf")
    assert "no text layer" in message and "OCR" in message


def test_volume_yml_listing_a_missing_file_is_one_error_line(folder, tmp_path):
    meta = tmp_path / "volume.yml"
    meta.write_text("files:\n  - b_ru.pdf\n  - missing.pdf\n", encoding="utf-8")
    message = one_error_line(run_jinaq("extract", str(folder), "--volume", str(meta),
                                       check=False), "raw")
    assert "missing.pdf" in message and "volume.yml" in message


def test_volume_yml_files_must_be_names(tmp_path, folder):
    meta = tmp_path / "volume.yml"
    meta.write_text("title: x\nfiles:\n  - {a: 1}\n", encoding="utf-8")
    one_error_line(run_jinaq("extract", str(folder), "--volume", str(meta), check=False),
                   "volume.yml", 2)


def test_files_not_listed_follow_the_listed_ones(folder, caplog):
    sources = [s.name for s in read_input(folder, order=["zz_imprint.pdf", "b_ru.pdf"])]
    assert sources == ["zz_imprint.pdf", "b_ru.pdf", "00_title.pdf", "a_kk.pdf"]
    assert "00_title.pdf, a_kk.pdf" in caplog.text


def test_progress_bar_on_a_terminal_only(tmp_path):
    pages = RU_ARTICLE + [[Para(RU_BODY_1)] for _ in range(38)]
    path = make_layout_pdf(tmp_path / "long.pdf", pages)
    args = [sys.executable, "-m", "generator.cli", "extract", str(path), "--format", "summary",
            "--no-enrich"]
    piped = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    assert piped.returncode == 0 and "page" not in piped.stderr
    # On a terminal (of 100 columns: tqdm draws nothing in a terminal of no width), stderr shows
    # the bar over the 40 pages.
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=child)
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=120) == 0
    os.close(main)
    assert b"reading long.pdf" in seen and b"/40" in seen


def test_a_folder_holding_one_pdf_holds_the_whole_volume(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    write_single_pdf(folder / "volume.pdf")
    volume = extract_volume(folder, do_enrich=False)
    assert [a.pages for a in volume.articles] == [[11, 12], [13, 14]]


def test_a_section_heading_at_a_page_top_is_no_title(tmp_path):
    """Headings in a larger font at the top of later pages, body text right under them: the
    title is the first page's larger text, above its author."""
    pages = [[Para("Местное самоуправление в цифровую эпоху", 16, "B", "C"),
              Para("Иванов А.Б.", 10, "", "C"),
              Para("Казахский национальный университет, Алматы", 9, "", "C"),
              Para("Аннотация. Статья о цифровых услугах акиматов.", 9),
              Para(RU_BODY_1), Para(RU_BODY_2)],
             [Para("Методы исследования", 12, "B"), Para(RU_BODY_1), Para(RU_BODY_2)],
             [Para("Обсуждение результатов", 12, "B"), Para(RU_BODY_2),
              Para("Список литературы", 10, "B"),
              Para("1. Ахметова Д.Ж. Электронный акимат. – Алматы, 2021. – 120 с.")]]
    path = make_layout_pdf(tmp_path / "one.pdf", pages, first_number=5)
    src = read_input(path)[0]
    assert [line for line, lay in zip(src.lines, src.layout) if lay and lay.title] == [
        "Местное самоуправление в цифровую эпоху"]
    volume = extract_volume(path, do_enrich=False)
    assert [(a.title, a.pages) for a in volume.articles] == [
        ("Местное самоуправление в цифровую эпоху", [5, 7])]
    assert "\n\nМетоды исследования\n\n" in volume.articles[0].body


def test_scanned_pages_among_text_pages_are_named(tmp_path, caplog):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in (make_layout_pdf(tmp_path / "a.pdf", [[Para(RU_BODY_1)], [Para(RU_BODY_2)]]),
                 make_scanned_pdf(tmp_path / "b.pdf", 2)):
        for page in PdfReader(part).pages:
            writer.add_page(page)
    path = tmp_path / "mixed.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    src = read_input(path)[0]
    assert src.lines[0].startswith("Цифровые услуги")
    assert "mixed.pdf: page(s) 3-4 of 4 are images with no text layer" in caplog.text


def test_page_numbers_printed_inside_running_heads(tmp_path):
    heads = [None] + [f"{n}   Вестник молодых учёных, № 1 (2024)" if n % 2 == 0
                      else f"Вестник молодых учёных, № 1 (2024)   {n}" for n in (22, 23, 24)]
    pages = [[Para(RU_BODY_1)], [Para(RU_BODY_2)], [Para(RU_BODY_1)], [Para(RU_BODY_2)]]
    src = read_input(make_layout_pdf(tmp_path / "heads.pdf", pages, running_head=heads))[0]
    assert sorted(set(src.page_of_line)) == [21, 22, 23, 24]
    rules = {line.lstrip("\f"): lay.furniture for line, lay in zip(src.lines, src.layout) if lay}
    assert {rules[" ".join(h.split())] for h in heads[1:]} == {"running-head"}
    # The body's first lines repeat at the same place on pages 1 and 3, 2 and 4: they are text.
    assert [line for line, lay in zip(src.lines, src.layout) if lay and lay.furniture] == [
        "\f" + " ".join(h.split()) for h in heads[1:]]
