#!/usr/bin/env python3
"""Regenerates the hand-made hostile workbooks of this folder (run it from anywhere).

Each is a minimal XLSX (content types, workbook, one sheet) whose sheet or shared strings hold
what once crashed or exhausted the reader:

* bomb_xfd.xlsx       dimension A1:XFD1048576 and a cell there: calamine sized a 17-billion-cell
                      range (a 512 GiB allocation, process aborted)
* bomb_liar.xlsx      an honest-looking dimension A1:B2 and a cell at Z1048576 (1.1 GiB)
* bomb_wide.xlsx      a cell at XFD1 (16,384 columns)
* overflow_ref.xlsx   a cell and row numbered 99999999999 (u32 overflow panic in calamine)
* overflow_dim.xlsx   dimension A1:A99999999999 (the same panic, from the dimension)
* overflow_row.xlsx   a row numbered 4294967297
* reversed_dim.xlsx   dimension B2:A1 (calamine subtracts end - start)
* zipbomb_shared_strings.xlsx  130 KB whose shared strings inflate to 129 MiB

The shared_string_value_*.xlsx files were found by tests/fuzz.rs (a shared-string cell whose
value, read up to the next end tag of the same name, indexes past the shared strings).
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

CT = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'''
RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'''
WB = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>'''
WBRELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'''
HEAD = [('A1', 'id'), ('B1', 'name')]


def sheet_xml(dim, cells):
    rows = {}
    for ref, v in cells:
        r = ''.join(ch for ch in ref if ch.isdigit())
        rows.setdefault(r, []).append((ref, v))
    body = ''.join(
        '<row r="%s">%s</row>' % (r, ''.join(
            '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v) for ref, v in cs))
        for r, cs in rows.items())
    dimension = '<dimension ref="%s"/>' % dim if dim else ''
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '%s<sheetData>%s</sheetData></worksheet>' % (dimension, body))


def write(name, sheet, extra=(), content_types=CT):
    with zipfile.ZipFile(os.path.join(HERE, name), 'w', zipfile.ZIP_DEFLATED,
                         compresslevel=9) as z:
        z.writestr('[Content_Types].xml', content_types)
        z.writestr('_rels/.rels', RELS)
        z.writestr('xl/workbook.xml', WB)
        z.writestr('xl/_rels/workbook.xml.rels', WBRELS)
        z.writestr('xl/worksheets/sheet1.xml', sheet)
        for part, text in extra:
            z.writestr(part, text)


write('bomb_xfd.xlsx', sheet_xml('A1:XFD1048576', HEAD + [('XFD1048576', 'x')]))
write('bomb_liar.xlsx', sheet_xml('A1:B2', HEAD + [('Z1048576', 'x')]))
write('bomb_wide.xlsx', sheet_xml('A1:B2', HEAD + [('XFD1', 'x')]))
write('overflow_ref.xlsx', sheet_xml('A1:B2', HEAD + [('A99999999999', 'x')]))
write('overflow_dim.xlsx', sheet_xml('A1:A99999999999', HEAD))
write('reversed_dim.xlsx', sheet_xml('B2:A1', HEAD))
write('overflow_row.xlsx',
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
      'spreadsheetml/2006/main"><sheetData><row r="4294967297"><c t="inlineStr"><is><t>id</t>'
      '</is></c></row></sheetData></worksheet>')
big = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
       'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>' + 'a' * (129 << 20) +
       '</t></si></sst>')
write('zipbomb_shared_strings.xlsx', sheet_xml('A1:B1', HEAD),
      extra=[('xl/sharedStrings.xml', big)],
      content_types=CT.replace('</Types>', '<Override PartName="/xl/sharedStrings.xml" '
                               'ContentType="application/vnd.openxmlformats-officedocument.'
                               'spreadsheetml.sharedStrings+xml"/></Types>'))
