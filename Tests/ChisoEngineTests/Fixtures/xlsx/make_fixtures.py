#!/usr/bin/env python3
"""Writes the small .xlsx workbooks the XLSX reader's tests read (Tests/ChisoEngineTests/Fixtures/xlsx/).

    python3 Tests/ChisoEngineTests/Fixtures/xlsx/make_fixtures.py

Python standard library only (zipfile). Each workbook is the minimal Office Open XML package that
Excel itself opens, written part by part so that every edge case is exactly what the test says it
is: shared and inline strings, rich text and phonetic runs, numbers, booleans, error values,
1900 and 1904 dates, formulas with and without cached values, namespace prefixes, cells without
`r` attributes, and broken files. Deterministic (fixed timestamps): running it again gives the
same bytes. The generated files are committed, so the tests run without Python.
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>""" % (PKG, REL)


def write(name, parts):
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts:
            info = zipfile.ZipInfo(part, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8") if isinstance(text, str) else text)
    print("wrote", name)


def workbook(sheets, date1904=False, prefix=""):
    p = prefix + ":" if prefix else ""
    ns = ('xmlns:%s="%s"' % (prefix, MAIN)) if prefix else 'xmlns="%s"' % MAIN
    pr = '<%sworkbookPr date1904="1"/>' % p if date1904 else '<%sworkbookPr/>' % p
    items = "".join('<%ssheet name="%s" sheetId="%d" r:id="rId%d"%s/>'
                    % (p, name, i + 1, i + 1, ' state="hidden"' if hidden else "")
                    for i, (name, hidden) in enumerate(sheets))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<%sworkbook %s xmlns:r="%s">%s<%ssheets>%s</%ssheets></%sworkbook>'
            % (p, ns, REL, pr, p, items, p, p))


def workbook_rels(n, absolute=False, extra=True):
    base = "/xl/" if absolute else ""
    rels = "".join('<Relationship Id="rId%d" Type="%s/worksheet" Target="%sworksheets/sheet%d.xml"/>'
                   % (i + 1, REL, base, i + 1) for i in range(n))
    if extra:
        rels += ('<Relationship Id="rId%d" Type="%s/sharedStrings" Target="%ssharedStrings.xml"/>' % (n + 1, REL, base)
                 + '<Relationship Id="rId%d" Type="%s/styles" Target="%sstyles.xml"/>' % (n + 2, REL, base))
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="%s">%s</Relationships>' % (PKG, rels)


def shared(strings):
    items = "".join(s if s.startswith("<si>") else "<si><t xml:space=\"preserve\">%s</t></si>" % s for s in strings)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>'
            % (MAIN, len(strings), len(strings), items))


# cellXfs: 0 General, 1 date (14), 2 custom dd/mm/yyyy (164), 3 date-time (22), 4 time (20),
# 5 percent (10), 6 custom with quoted text and a colour section (165: not a date)
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="%s">
<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[Red]0.00&quot; days&quot;"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="22"/><xf numFmtId="20"/><xf numFmtId="10"/><xf numFmtId="165"/></cellXfs>
</styleSheet>""" % MAIN


def sheet(rows, prefix=""):
    p = prefix + ":" if prefix else ""
    ns = ('xmlns:%s="%s"' % (prefix, MAIN)) if prefix else 'xmlns="%s"' % MAIN
    body = "".join(rows)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<%sworksheet %s><%ssheetData>%s</%ssheetData></%sworksheet>'
            % (p, ns, p, body, p, p))


def package(sheets_xml, names, strings=(), date1904=False, hidden=(), styles=STYLES, prefix="", absolute=False):
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
             ("xl/workbook.xml", workbook([(n, n in hidden) for n in names], date1904, prefix)),
             ("xl/_rels/workbook.xml.rels", workbook_rels(len(names), absolute)),
             ("xl/sharedStrings.xml", shared(list(strings))), ("xl/styles.xml", styles)]
    parts += [("xl/worksheets/sheet%d.xml" % (i + 1), s) for i, s in enumerate(sheets_xml)]
    return parts


# ---------------------------------------------------------------- basic.xlsx
# Sheet "Provinces": header with a line break and spaces, shared strings (NFC Vietnamese), an
# inline string, rich text, a phonetic run, ints, floats, booleans, empty cells, an error value,
# a code column ("01" stays text) and a column of numbers typed as text ("2019" → int).
strings = ["gso_code", "province", "PCI\nscore", "Rank", "ok", "year as text", "note", "01", "Hà Nội", "12",
           "Lai Châu", "2019", "2018",
           "<si><r><t>Đắk </t></r><r><rPr><b/></rPr><t>Lắk</t></r></si>",
           "<si><t>Tokyo</t><rPh sb=\"0\" eb=\"5\"><t>トウキョウ</t></rPh></si>",
           "66", "line_x000D_break", ""]
basic = sheet([
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
    '<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c></row>',
    '<row r="2"><c r="A2" t="s"><v>7</v></c><c r="B2" t="s"><v>8</v></c><c r="C2"><v>68.803558349609375</v></c>'
    '<c r="D2"><v>9</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="s"><v>11</v></c><c r="G2" t="inlineStr"><is><t>inline text</t></is></c></row>',
    '<row r="3"><c r="A3" t="s"><v>9</v></c><c r="B3" t="s"><v>10</v></c><c r="C3"><v>59.951847076416016</v></c>'
    '<c r="D3"><v>63</v></c><c r="E3" t="b"><v>0</v></c><c r="F3" t="s"><v>12</v></c><c r="G3" t="s"><v>16</v></c></row>',
    # row 4: empty cells (C4 has only a style), an error value, rich text, an empty shared string
    '<row r="4"><c r="A4" t="inlineStr"><is><t>66</t></is></c><c r="B4" t="s"><v>13</v></c><c r="C4" s="0"/>'
    '<c r="D4" t="e"><v>#N/A</v></c><c r="F4" t="s"><v>17</v></c><c r="G4" t="s"><v>14</v></c></row>',
])
dates = sheet([
    '<row r="1"><c r="A1" t="inlineStr"><is><t>when</t></is></c><c r="B1" t="inlineStr"><is><t>custom</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>stamp</t></is></c><c r="D1" t="inlineStr"><is><t>time</t></is></c>'
    '<c r="E1" t="inlineStr"><is><t>share</t></is></c><c r="F1" t="inlineStr"><is><t>days</t></is></c>'
    '<c r="G1" t="inlineStr"><is><t>iso</t></is></c></row>',
    # 43831 = 2020-01-01; 44197.5 = 2021-01-01 12:00; 0.5 = noon; 10 = 1000%
    '<row r="2"><c r="A2" s="1"><v>43831</v></c><c r="B2" s="2"><v>44197</v></c><c r="C2" s="3"><v>44197.5</v></c>'
    '<c r="D2" s="4"><v>0.5</v></c><c r="E2" s="5"><v>0.25</v></c><c r="F2" s="6"><v>3</v></c>'
    '<c r="G2" t="d"><v>2024-02-29</v></c></row>',
    # 1900 leap-year bug: 59 = 1900-02-28, 61 = 1900-03-01; 1 = 1900-01-01
    '<row r="3"><c r="A3" s="1"><v>59</v></c><c r="B3" s="2"><v>61</v></c><c r="C3" s="3"><v>1.25</v></c>'
    '<c r="D3" s="4"><v>0.75</v></c><c r="E3" s="5"><v>1</v></c><c r="F3" s="6"><v>4.5</v></c>'
    '<c r="G3" t="d"><v>2024-03-01</v></c></row>',
])
hidden = sheet(['<row r="1"><c r="A1" t="inlineStr"><is><t>secret</t></is></c></row>',
                '<row r="2"><c r="A2"><v>1</v></c></row>'])
write("basic.xlsx", package([basic, dates, hidden], ["Provinces", "Dates 1900", "Hidden"], strings, hidden=("Hidden",)))

# ---------------------------------------------------------------- dates1904.xlsx
d1904 = sheet([
    '<row r="1"><c r="A1" t="inlineStr"><is><t>when</t></is></c><c r="B1" t="inlineStr"><is><t>stamp</t></is></c></row>',
    # 1904 system: 0 = 1904-01-01, 42369 = 2020-01-01, 42369.75 = 2020-01-01 18:00
    '<row r="2"><c r="A2" s="1"><v>0</v></c><c r="B2" s="3"><v>42369.75</v></c></row>',
    '<row r="3"><c r="A3" s="1"><v>42369</v></c><c r="B3" s="3"><v>1</v></c></row>',
])
write("dates1904.xlsx", package([d1904], ["Mac dates"], date1904=True))

# ---------------------------------------------------------------- formulas.xlsx
# C2 has a formula with its cached value; C3 a formula never calculated (no <v>); row 5 is a
# summary row of formulas below a blank row, as VCCI's workbooks have.
formulas = sheet([
    '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>a</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>double</t></is></c></row>',
    '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="B2"><v>2</v></c><c r="C2"><f>B2*2</f><v>4</v></c></row>',
    '<row r="3"><c r="A3" t="inlineStr"><is><t>y</t></is></c><c r="B3"><v>3</v></c><c r="C3"><f>B3*2</f></c></row>',
    '<row r="5"><c r="A5" t="str"><f>"total"</f><v>total</v></c><c r="B5"><f>SUM(B2:B3)</f><v>5</v></c></row>',
])
write("formulas.xlsx", package([formulas], ["Calc"]))

# ---------------------------------------------------------------- prefixed.xlsx
# Elements with a namespace prefix (x:), cells and rows without r attributes, absolute targets.
pre = sheet([
    '<x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row>',
    '<x:row><x:c><x:v>1</x:v></x:c><x:c><x:v>2.5</x:v></x:c></x:row>',
    '<x:row><x:c><x:v>3</x:v></x:c><x:c t="s"><x:v>0</x:v></x:c></x:row>',
], prefix="x")
write("prefixed.xlsx", package([pre], ["Sheet1"], ["n/a"], prefix="x", absolute=True))

# ---------------------------------------------------------------- broken workbooks
with open(os.path.join(HERE, "not_a_zip.xlsx"), "w", encoding="utf-8") as f:
    f.write("province,score\nLai Châu,59.95\n")
print("wrote not_a_zip.xlsx")
with open(os.path.join(HERE, "legacy.xlsx"), "wb") as f:
    f.write(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504))
print("wrote legacy.xlsx")
write("no_workbook.xlsx", [("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", "<document/>")])
write("malformed.xlsx", package([sheet(['<row r="1"><c r="A1"><v>1</v></row>'])], ["Broken"]))
write("bad_shared_string.xlsx", package([sheet(['<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
                                                '<row r="2"><c r="A2" t="s"><v>7</v></c></row>'])], ["S"], ["h"]))
write("huge_extent.xlsx", package([sheet(['<row r="1"><c r="A1"><v>1</v></c></row>',
                                          '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'])], ["Far"]))
write("empty_sheet.xlsx", package([sheet([])], ["Nothing"]))
