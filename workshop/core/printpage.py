"""One self-contained printable HTML page: A4 page boxes with a running header, shared print CSS, a strict CSP.

Documents built here need nothing but the file itself: no JavaScript, no fonts, images or styles to
fetch (the Content-Security-Policy forbids all of it, so a stray link in a script's prompt cannot make
a browser go online). They read on screen as a narrow column and print on A4 from any browser; the
running header and page numbers use CSS page-margin boxes (Chromium 131+, WeasyPrint; other browsers
leave them out and print the page without them).
"""

from __future__ import annotations

from html import escape

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif'

BASE_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font-family: FONTS; color: #1a1a1a; background: #ffffff; line-height: 1.45; }
body { margin: 0 auto; max-width: 50rem; padding: 1.5rem 1.25rem 3rem; font-size: 1.0625rem; }
h1 { font-size: 1.6rem; line-height: 1.2; margin: 0 0 .6rem; }
h2 { font-size: 1.25rem; line-height: 1.25; margin: 1.6rem 0 .3rem; padding-top: .35rem;
     border-top: 2px solid #2f5d8a; break-after: avoid; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .3rem; break-after: avoid; }
p, ul, ol { margin: .3rem 0 .6rem; }
blockquote { margin: .3rem 0 .7rem; padding: .1rem .9rem; border-left: 4px solid #c8c8c8; color: #333333; }
blockquote p { margin: .25rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .9em; margin: .4rem 0 1rem; }
th, td { border: 1px solid #b5b5b5; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
thead { display: table-header-group; }
tr, li, figure, svg { break-inside: avoid; }
a { color: #1f4e79; }
code { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: .92em; }
.doc-footer { margin-top: 2rem; padding-top: .4rem; border-top: 1px solid #c8c8c8; color: #555555; font-size: .85em; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h1 { font-size: 17pt; }
  h2 { font-size: 13pt; margin-top: 1.1rem; }
  h3 { font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3, p, li, blockquote { orphans: 3; widows: 3; }
}
""".replace("FONTS", FONTS)


def css_string(text: str) -> str:
    """Return `text` as a quoted CSS string that can never end the string or the <style> element."""
    out = []
    for ch in " ".join(text.split()):
        if ch in '"\\' or ch == "<" or ch == ">" or ord(ch) < 32:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def page_css(*, header_left: str, header_right: str, footer_left: str, margin: str = "18mm 16mm 17mm") -> str:
    """Return the @page rule: A4, the running header on every page, page numbers in the footer."""
    return f"""
@page {{
  size: A4;
  margin: {margin};
  @top-left {{ content: {css_string(header_left)}; font: 8.5pt {FONTS}; color: #555555; }}
  @top-right {{ content: {css_string(header_right)}; font: 8.5pt {FONTS}; color: #555555; }}
  @bottom-left {{ content: {css_string(footer_left)}; font: 8pt {FONTS}; color: #555555; }}
  @bottom-right {{ content: "pagina " counter(page) " van " counter(pages); font: 8pt {FONTS}; color: #555555; }}
}}
"""


def document(*, title: str, body: str, css: str, lang: str = "nl") -> str:
    """Return a whole HTML document: `body` is trusted HTML (already escaped), `css` goes in one <style>."""
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
