"""A corpus of hostile Markdown/HTML inputs, and a checker for the HTML we produce.

`HOSTILE` holds over 200 inputs (scripts, event handlers, dangerous URL schemes in
every Markdown link form, SVG/MathML, frames, styles, broken and nested markup,
Unicode tricks); `BLNS` adds the Big List of Naughty Strings.
"""

import re
from html.parser import HTMLParser

from tests.support import naughty_strings

SCHEMES = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java&#09;script:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
    "%6Aavascript:alert(1)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "java\u200bscript:alert(1)",
    "\ufeffjavascript:alert(1)",
    "javascript://%0aalert(1)",
    "javascript:/*--></title></style></textarea></script>*/alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "livescript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,alert(1)",
    "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "file:///etc/passwd",
    "feed:javascript:alert(1)",
    "jar:https://example.org!/",
    "ms-its:mhtml:file://C:/x.mht!x",
    "view-source:javascript:alert(1)",
]

LINK_FORMS = [
    "[click]({url})",
    "<{url}>",
    "[click][ref]\n\n[ref]: {url}",
    "![pic]({url})",
    '[click]({url} "title")',
    "[click](<{url}>)",
    "[![pic]({url})]({url})",
]

RAW = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<script/x>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    "<script\n>alert(1)</script\n>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)"/>',
    "<IMG SRC=javascript:alert(1)>",
    "<img src=`javascript:alert(1)`>",
    "<body onload=alert(1)>",
    '<div onmouseover="alert(1)">hover</div>',
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<a href=javascript:alert(1)>x</a>",
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">x</math>',
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    "<iframe src=https://evil.example></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width: expression(alert(1))">x</div>',
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<base href=javascript:alert(1)//>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<button formaction=javascript:alert(1)>x</button>",
    "<isindex type=image src=1 onerror=alert(1)>",
    "<table background=javascript:alert(1)>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<textarea><script>alert(1)</script></textarea>",
    "<title><script>alert(1)</script></title>",
    "<xmp><script>alert(1)</script></xmp>",
    "<template><script>alert(1)</script></template>",
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    '<a href="https://ok.example" target="_blank">ok</a>',
    '[x](https://ok.example"onmouseover="alert(1))',
    "[x](https://ok.example 'onclick=alert(1)')",
    "[<img src=x onerror=alert(1)>](https://ok.example)",
    "**<img src=x onerror=alert(1)>**",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    "> <script>alert(1)</script>",
    "| <script>alert(1)</script> | x |\n|---|---|\n| <img src=x onerror=alert(1)> | y |",
    "# <svg onload=alert(1)>",
    "- <iframe src=x></iframe>",
    "[a](https://ok.example)<script>alert(1)</script>",
    "<a href='https://ok.example'><script>alert(1)</script></a>",
    '<a href="https://ok.example"\tonclick=alert(1)>x</a>',
    "<div><div><div><script>alert(1)</script></div></div></div>",
    "<p><b><i><u><script>alert(1)</u></i></b></p>",
    '<a href="https://ok.example"><a href="javascript:alert(1)">nested</a></a>',
    "<<a>a href=javascript:alert(1)>x<</a>/a>",
    ">" * 300 + " deep quote",
    "[" * 500 + "x" + "](" * 100,
    "*" * 1000,
    "<" * 500 + "script>alert(1)",
    "\u202e<script>alert(1)</script>",
    "\u202egnp.exe",
    "java\u200dscript:alert(1)",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "\uff1cimg src=x onerror=alert(1)\uff1e",
    "\u0000<script>alert(1)</script>",
    "<scr\u0000ipt>alert(1)</scr\u0000ipt>",
    "\u2028<script>alert(1)</script>\u2029",
    "<img src=x one\u0000rror=alert(1)>",
    '<a href="\u0001javascript:alert(1)">x</a>',
    "[x](\u00a0javascript:alert(1))",
    "https://ok.example/\u202e<script>",
    "www.evil.example/<script>alert(1)</script>",
    "@mention <script>alert(1)</script>",
    '<a href="mailto:x@example.org?subject=<script>">m</a>',
    "[m](mailto:x@example.org)",
    "x@example.org<script>alert(1)</script>",
    '<img src="https://ok.example/a.png" alt="x">',
    '![a](https://ok.example/a.png "onerror=alert(1)")',
]


def _build() -> list[str]:
    corpus = [form.format(url=url) for url in SCHEMES for form in LINK_FORMS]
    corpus += RAW
    # The same payloads hidden inside Markdown structures.
    corpus += [f"> {item}" for item in RAW[:20]]
    corpus += [f"- [{item}](https://ok.example)" for item in RAW[:20]]
    return corpus


HOSTILE: list[str] = _build()
BLNS: list[str] = list(naughty_strings())

BANNED_ELEMENTS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "svg", "math",
    "link", "meta", "base", "form", "input", "button", "textarea", "img", "video",
    "audio", "source", "template", "noscript", "applet", "isindex",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "srcset", "poster",
    "background", "codebase", "cite", "longdesc", "usemap", "dynsrc", "lowsrc",
}  # fmt: skip
SAFE_SCHEMES = {"http", "https", "mailto"}


SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
IGNORED = dict.fromkeys(map(ord, "\t\n\r\u200b\u200c\u200d\u2060\ufeff"))


def scheme_of(url: str) -> str | None:
    """The scheme of `url` as a browser reads it, or None for a relative URL.

    The value is already HTML-unescaped by the parser. Like the URL standard, outer
    C0 controls and spaces are stripped and tabs/newlines dropped anywhere; zero-width
    characters are dropped too, to err on the strict side. A "scheme" with any other
    character (such as %6A) is no scheme: the browser resolves the URL as a relative path.
    """
    cleaned = url.strip("".join(map(chr, range(0x21)))).translate(IGNORED)
    match = SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


class UnsafeHTML(HTMLParser):
    """Collects what must never appear in user HTML: banned elements, on* and style
    attributes, URLs with a scheme other than http/https/mailto."""

    def __init__(self, banned_elements=BANNED_ELEMENTS):
        super().__init__(convert_charrefs=True)
        self.banned = banned_elements
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.banned:
            self.problems.append(f"element <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"handler {name} on <{tag}>")
            if name == "style":
                self.problems.append(f"style on <{tag}>")
            if name in URL_ATTRIBUTES and value is not None:
                scheme = scheme_of(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    self.problems.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag


def problems_in(html: str, **kwargs) -> list[str]:
    """What is unsafe in `html` (empty when it is clean)."""
    parser = UnsafeHTML(**kwargs)
    parser.feed(html)
    parser.close()
    return parser.problems
