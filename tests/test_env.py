"""pages/env.py: one Jinja environment for every page builder, one autoescape policy."""
import re
from pathlib import Path

from generator.pages.env import environment, md, md_specials

GENERATOR = Path(__file__).resolve().parent.parent / "generator"


def test_there_is_one_jinja_environment():
    made = [p.relative_to(GENERATOR).as_posix() for p in GENERATOR.rglob("*.py")
            if re.search(r"\bEnvironment\(", p.read_text(encoding="utf-8"))]
    assert made == ["pages/env.py"]


def test_html_templates_escape_every_value_markdown_templates_use_md():
    env = environment()
    value = "<b>x</b> *y*"
    html = env.from_string("{{ v }}")  # (a string template: no name, not autoescaped)
    assert html.render(v=value) == value
    for name in ("redirect.html.j2", "glossary_entry.j2", "timeline_page.md.j2"):
        assert env.autoescape(name), name
    for name in ("article.md.j2", "person.md.j2", "keywords.md.j2"):
        assert not env.autoescape(name), name


def test_the_two_markdown_escapes_are_distinct():
    assert md("<b>*x*</b>") == "&lt;b&gt;\\*x\\*&lt;/b&gt;"
    assert md(None) == ""
    assert md_specials("<b>*x*</b>") == "<b>\\*x\\*</b>"  # < > & are autoescape's
