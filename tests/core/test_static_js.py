"""The front end stays within its rules: modules only, nothing inline, no addresses or words in JS.

The CSP allows scripts from our own files only (`script-src 'self'`, no inline script or style),
so templates load ES modules with `<script type="module" src=…>` and carry no `on*=` handler.
Addresses and texts reach the scripts through `data-*` attributes rendered by the templates,
so no string literal in static/js is a site path or Greek text, and every import resolves to a
file under static/ (there is no build step and no import map).
"""

import re
from pathlib import Path

import pytest

from tests.support import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "static"
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
SCRIPTS = sorted((STATIC / "js").rglob("*.js"))
MAX_LINES = 300

SCRIPT_TAG = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.I | re.S)
STATIC_SRC = re.compile(r"""url_for\(\s*['"]static['"]\s*,\s*filename\s*=\s*['"]([^'"]+)['"]""")
INLINE = {
    "an on* event handler attribute": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "a style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I),
    "a <style> element": re.compile(r"<style\b", re.I),
    "a javascript: URL": re.compile(r"javascript:", re.I),
}
# An absolute path on this site ("/forums/…", "/auth/logout"): not "./x", "../x", "a/b" or "//x".
SITE_PATH = re.compile(r"(?<![\w.:/])/[A-Za-z_]")
GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
IMPORTS = re.compile(
    r"""\bimport\s*\(\s*(['"])(?P<dynamic>[^'"]+)\1"""
    r"""|\b(?:import|export)\b[^;'"()]*?\bfrom\s*(['"])(?P<named>[^'"]+)\3"""
    r"""|\bimport\s*(['"])(?P<bare>[^'"]+)\5"""
)
# After these a "/" starts a regular expression, not a division.
REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^") | {""}
REGEX_KEYWORDS = {"return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void"}


def template_problems(text: str) -> list[str]:
    """What in the template `text` the CSP would refuse or the front-end rules forbid."""
    problems = []
    for match in SCRIPT_TAG.finditer(text):
        attrs = match["attrs"]
        if match["body"].strip():
            problems.append("an inline <script> with content")
        if not re.search(r"""\btype\s*=\s*['"]module['"]""", attrs):
            problems.append(f"a <script> that is not type=module: <script{attrs}>")
        if not re.search(r"\bsrc\s*=", attrs):
            problems.append("a <script> without src")
    problems += [name for name, pattern in INLINE.items() if pattern.search(text)]
    return problems


def _skip_string(source: str, i: int, quote: str) -> int:
    """The index after the string literal that starts at `i`."""
    i += 1
    while source[i] != quote:
        i += 2 if source[i] == "\\" else 1
    return i + 1


def _skip_regex(source: str, i: int) -> int:
    """The index after the regular expression literal (with its flags) that starts at `i`."""
    i += 1
    in_class = False
    while in_class or source[i] != "/":
        if source[i] == "\\":
            i += 1
        elif source[i] == "[":
            in_class = True
        elif source[i] == "]":
            in_class = False
        i += 1
    i += 1
    while i < len(source) and source[i].isalpha():
        i += 1
    return i


def string_literals(source: str) -> list[str]:
    """The string literals of the JavaScript `source` (a template literal's text parts joined).

    Comments and regular expressions are skipped; enough of the grammar for our own modules.
    """
    found: list[str] = []
    stack: list[list] = []  # open template literals: [parts, brace depth of their ${…}]
    depth = 0
    last = ""  # the last significant character or word, to tell a regex from a division
    i = 0
    while i < len(source):
        char = source[i]
        if source.startswith("//", i):
            end = source.find("\n", i)
            i = len(source) if end < 0 else end
        elif source.startswith("/*", i):
            i = source.index("*/", i) + 2
        elif char in "'\"":
            end = _skip_string(source, i, char)
            found.append(source[i + 1 : end - 1])
            i, last = end, "x"
        elif char == "`" or (char == "}" and stack and stack[-1][1] == depth):
            # The text of a template literal up to its end or its next ${.
            parts = stack.pop()[0] if char == "}" else []
            i += 1
            start = i
            while source[i] != "`" and not source.startswith("${", i):
                i += 2 if source[i] == "\\" else 1
            parts.append(source[start:i])
            if source[i] == "`":
                found.append("".join(parts))
                i, last = i + 1, "x"
            else:
                stack.append([parts, depth])
                i, last = i + 2, "("
        elif char == "/" and (last in REGEX_AFTER or last in REGEX_KEYWORDS):
            i, last = _skip_regex(source, i), "x"
        elif char.isalnum() or char in "_$":
            word = re.match(r"[\w$]+", source[i:])[0]
            i, last = i + len(word), word
        else:
            depth += {"{": 1, "}": -1}.get(char, 0)
            if not char.isspace():
                last = char
            i += 1
    return found


def literal_problems(source: str) -> list[str]:
    """The string literals of `source` that are site paths or Greek text."""
    return [
        literal
        for literal in string_literals(source)
        if SITE_PATH.search(literal) or GREEK.search(literal)
    ]


def imported(source: str) -> list[str]:
    """The module specifiers `source` imports (static, dynamic and re-exports)."""
    code = re.sub(r"/\*.*?\*/|^\s*//.*$", "", source, flags=re.S | re.M)
    return [m["dynamic"] or m["named"] or m["bare"] for m in IMPORTS.finditer(code)]


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_there_is_something_to_check():
    assert TEMPLATES and SCRIPTS


def test_templates_load_only_module_files_and_nothing_inline():
    problems = {
        _name(path): found
        for path in TEMPLATES
        if (found := template_problems(path.read_text(encoding="utf-8")))
    }
    assert problems == {}


def test_scripts_named_by_templates_exist():
    missing = [
        f"{_name(path)}: static/{filename}"
        for path in TEMPLATES
        for match in SCRIPT_TAG.finditer(path.read_text(encoding="utf-8"))
        for filename in STATIC_SRC.findall(match["attrs"])
        if not (STATIC / filename).is_file()
    ]
    assert missing == []


def test_no_site_paths_or_greek_text_in_scripts():
    problems = {
        _name(path): found
        for path in SCRIPTS
        if (found := literal_problems(path.read_text(encoding="utf-8")))
    }
    assert problems == {}, "addresses and texts come from data-* attributes"


@pytest.mark.parametrize("path", SCRIPTS, ids=_name)
def test_imports_resolve_to_files_under_static(path):
    for specifier in imported(path.read_text(encoding="utf-8")):
        assert specifier.startswith(("./", "../")), f"{specifier}: not relative (no import map)"
        target = (path.parent / specifier).resolve()
        assert target.is_relative_to(STATIC), f"{specifier}: outside static/"
        vendor = STATIC / "vendor"
        if target.is_relative_to(vendor) and not vendor.is_dir():
            skip_or_fail("static/vendor is not built: run `make setup` (scripts/vendor.sh)")
        assert target.is_file(), f"{specifier}: no such file"


@pytest.mark.parametrize("path", SCRIPTS, ids=_name)
def test_scripts_are_short(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


# The checks themselves: each must catch what it is for, and pass what is allowed.
@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script src="/static/js/app.js" defer></script>',
        '<script type="module">import "./x.js";</script>',
        '<button onclick="go()">Go</button>',
        '<body onload = "go()">',
        '<p style="color: red">',
        "<style>p { color: red; }</style>",
        '<a href="javascript:go()">',
    ],
)
def test_template_check_catches(html):
    assert template_problems(html)


def test_template_check_passes_a_module():
    allowed = (
        "<script type=\"module\" src=\"{{ url_for('static', filename='js/app.js') }}\"></script>"
        '<p data-text-online="on line">Reload the page</p>'
    )
    assert template_problems(allowed) == []


@pytest.mark.parametrize(
    "source",
    [
        'fetch("/forums/t/1/posts");',
        "const url = '/auth/logout';",
        "form.matches('form[action$=\"/auth/logout\"]');",
        "const key = `/account/${id}`;",
        "const next = `${base}/admin/users`;",
        'announce(region, "Νέες απαντήσεις");',
        "label = `Γράφει ${name}`;",
    ],
)
def test_literal_check_catches(source):
    assert literal_problems(source)


def test_literal_check_passes_what_is_allowed():
    allowed = r"""
        // Comments may name /forums/t/1 and say Καλημέρα.
        /* /auth/logout */
        import { io } from "../../vendor/socket.io.esm.min.js";
        const text = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
        const half = total / 2 / count;
        const squash = (s) => s.replace(/\s+/g, " ").trim();
        const row = `li[data-topic-id="${Number(id)}"]`;
        headers["Content-Type"] = "application/json";
        const https = "https://example.org/forums";
    """
    assert literal_problems(allowed) == []
    assert "application/json" in string_literals(allowed)


def test_imports_are_found():
    source = """
        import { a } from "./a.js";
        import {
          b,
          c,
        } from '../b.js';
        import "./side-effect.js";
        export { d } from "./d.js";
        const e = await import("./e.js");
        // import "./commented.js";
    """
    assert imported(source) == ["./a.js", "../b.js", "./side-effect.js", "./d.js", "./e.js"]
