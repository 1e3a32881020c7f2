"""site/compact.py: the written pages lose whitespace runs, never a character a reader sees."""
import re



from generator.site.compact import compact_html


def test_whitespace_runs_with_a_break_become_one_break():
    html = "<div>\n\n    <p>a\n      b</p>   \n\n\n  <span>c</span> <span>d</span></div>"
    assert compact_html(html) == "<div>\n<p>a\nb</p>\n<span>c</span> <span>d</span></div>"


def test_verbatim_elements_and_non_ascii_spaces_are_kept():
    pre = "<pre class='x'>line 1\n\n    indented\n</pre>"
    script = "<script>\n  var a = 1;\n\n  var b = 2;\n</script>"
    html = f"<p>x\u00a0\n\u00a0y</p>\n  {pre}\n   {script}\n <textarea>\n  t\n</textarea>"
    out = compact_html(html)
    assert pre in out and script in out and "<textarea>\n  t\n</textarea>" in out
    assert "x\u00a0\n\u00a0y" in out


def test_the_built_site_is_compact_and_keeps_its_text(built_sample):
    site = built_sample / "site"
    pages = {p: p.read_text(encoding="utf-8") for p in sorted(site.glob("articles/*.html"))}
    # (redirects at old addresses are a few lines of Jinaq's own, not written by MkDocs)
    pages = {p: h for p, h in pages.items() if 'http-equiv="refresh"' not in h}
    assert pages
    for page, html in pages.items():
        outside = re.sub(r"(?s)<(pre|textarea|script|style)\b.*?</\1>", "V", html)
        assert not re.search(r"\n[ \t]*\n", outside), page.name
        assert not re.search(r"\n[ \t]+<", outside), page.name
        # the citation's preformatted BibTeX keeps its line breaks and indentation
        for block in re.findall(r"(?s)<pre\b.*?</pre>", html):
            assert block == compact_html(block)


def test_every_run_with_a_break_and_only_those_whatever_the_mix():
    """Against the rule written as one regex: runs of ASCII spaces, tabs, carriage returns and
    line breaks that hold a line break become one line break; nothing else changes."""
    import random

    rule = re.compile(r"[ \t\r]*\n[ \t\r\n]*")
    rng = random.Random(7)
    pieces = [" ", "\t", "\r", "\n", "a", "<b>", "\u00a0", "\f", "ә"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        assert compact_html(text) == rule.sub("\n", text), repr(text)
