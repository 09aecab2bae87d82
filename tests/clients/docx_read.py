"""What python-docx reads in a report.docx, as JSON on standard output:
the first table's rows, the fonts and sizes of the styles, the page and
its margins in millimetres, and the footers of odd and even pages.

Used by tests/docx.rs: python3 tests/clients/docx_read.py FILE.docx
"""

import json
import sys

import docx
from docx.oxml.ns import qn


def fonts(style):
    """The fonts a style names (ascii and eastAsia) and its size in points."""
    rpr = style.element.rPr
    fonts = rpr.rFonts if rpr is not None else None
    return {
        "ascii": fonts.get(qn("w:ascii")) if fonts is not None else None,
        "east_asia": fonts.get(qn("w:eastAsia")) if fonts is not None else None,
        "size": style.font.size.pt if style.font.size is not None else None,
    }


def footer(f):
    p = f.paragraphs[0]
    return {"text": p.text, "alignment": str(p.alignment), "style": p.style.name}


def main(path):
    d = docx.Document(path)
    section = d.sections[0]
    mm = lambda length: round(length.mm, 2)
    print(
        json.dumps(
            {
                "tables": [[[cell.text for cell in row.cells] for row in t.rows] for t in d.tables[:1]],
                "styles": {
                    name: fonts(d.styles[name])
                    for name in ["Normal", "Title", "Heading 1", "Heading 2", "footer", "版头标记"]
                },
                "page": [mm(section.page_width), mm(section.page_height)],
                "margins": {
                    "top": mm(section.top_margin),
                    "bottom": mm(section.bottom_margin),
                    "left": mm(section.left_margin),
                    "right": mm(section.right_margin),
                },
                "odd_and_even": d.settings.odd_and_even_pages_header_footer,
                "odd_footer": footer(section.footer),
                "even_footer": footer(section.even_page_footer),
                "first": [p.text for p in d.paragraphs[:2]],
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
