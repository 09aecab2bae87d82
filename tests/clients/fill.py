"""Fills kaoping's xlsx forms the way a person would, with openpyxl (a
client that is not kaoping), and reads results.xlsx back.

    fill.py fill FORMS_DIR      fill two city and two unit workbooks in place
    fill.py results RESULTS     print results.xlsx's 排名 sheet as CSV lines,
                                failing unless every number cell is a number
    fill.py hostile FORM OUT    write broken copies of a form into OUT
    fill.py old FORM OUT        write FORM as the first layout made it
                                (kaoping-form-1: no 附件 column) to OUT
"""
import datetime
import sys

import openpyxl


def rows_by_key(ws):
    """Row number by the form's key column (I): where a person reads the
    city, item and rule in columns A–D, a script reads the key."""
    return {ws.cell(r, 9).value: r for r in range(3, ws.max_row + 1) if ws.cell(r, 9).value}


def put(ws, rows, key, value, note=None, evidence=None, files=None):
    r = rows[key]
    ws.cell(r, 5).value = value
    if note is not None:
        ws.cell(r, 6).value = note
    if evidence is not None:
        ws.cell(r, 7).value = evidence
    if files is not None:
        ws.cell(r, 8).value = files


def fill(forms):
    # 示例甲市: its own deductions; the date typed as a real Excel date.
    wb = openpyxl.load_workbook(f"{forms}/cities/example-a.xlsx")
    ws = wb["自查自评"]
    k = rows_by_key(ws)
    put(ws, k, "example-a|1.2|no-mechanism|", "是", note="机制尚在建立")
    put(ws, k, "example-a|2.5|fair|", 1.5, note="成效一般")
    put(ws, k, "example-a|3.4|rights|", 2, note="随迁子女入学、公租房两项未落实")
    put(ws, k, "example-a|2.6|coordinators|urban", 1200000)
    put(ws, k, "example-a|2.6|coordinators|rural", 300000)
    put(ws, k, "example-a|2.6|coordinators|staff", 1800)
    put(ws, k, "example-a|6.3||", 3.5, evidence="省综治委简报2024年第5期\n领导批示",
        files="example-a/省综治委简报2024年第5期.pdf\n attachments/example-a/领导批示.jpg ")
    wb["报送"]["B2"].value = datetime.datetime(2025, 1, 8)
    wb["报送"]["B3"].value = "全市实有人口服务管理工作情况报告\n\n一、基本情况"
    wb.save(f"{forms}/cities/example-a.xlsx")

    # 示例乙市: nothing deducted; the date typed as text.
    wb = openpyxl.load_workbook(f"{forms}/cities/example-b.xlsx")
    wb["报送"]["B2"].value = "2025/1/9"
    wb.save(f"{forms}/cities/example-b.xlsx")

    wb = openpyxl.load_workbook(f"{forms}/units/police.xlsx")
    ws = wb["实地检查"]
    k = rows_by_key(ws)
    put(ws, k, "example-a|2.5|fair|", 2, note="实地检查成效一般")
    put(ws, k, "example-a|4.1|not-done|", 1, note="部分工作不落实")
    put(ws, k, "example-a|6.1||", 3)
    put(ws, k, "example-b|3.3|late|", "是", note="居住证发放平均延迟45天")
    wb["报送"]["B2"].value = "2025-02-05"
    wb.save(f"{forms}/units/police.xlsx")

    wb = openpyxl.load_workbook(f"{forms}/units/office.xlsx")
    ws = wb["实地检查"]
    k = rows_by_key(ws)
    put(ws, k, "example-a|1.2||", "否")
    put(ws, k, "example-a|3.4|rights|", 1, note="公租房未落实")
    put(ws, k, "example-b|1.3|no-plan|", "是")
    wb["报送"]["B2"].value = datetime.date(2025, 2, 6)
    wb.save(f"{forms}/units/office.xlsx")


def results(path):
    wb = openpyxl.load_workbook(path)
    ws = wb["排名"]
    out = []
    for r, row in enumerate(ws.iter_rows(values_only=True)):
        cells = []
        for c, v in enumerate(row):
            if r > 0 and c != 1 and not isinstance(v, (int, float)):
                sys.exit(f"排名 row {r + 1} column {c + 1} is not a number: {v!r}")
            if isinstance(v, float) and v == int(v):
                v = int(v)
            cells.append(str(v))
        out.append(",".join(cells))
    print("\n".join(out))


def hostile(form, out):
    # A formula in an input cell (its cached value is missing in openpyxl's
    # output, so LibreOffice is not needed to compute it: it reads as empty).
    wb = openpyxl.load_workbook(form)
    ws = wb["自查自评"]
    k = rows_by_key(ws)
    ws.cell(k["jichuan|2.5|fair|"], 5).value = 1.234
    ws.cell(k["jichuan|3.4|rights|"], 5).value = "两项"
    ws.cell(k["jichuan|2.5|fair|"] + 1, 5).value = "也许"
    ws.cell(k["jichuan|2.5|fair|"], 8).value = "../材料.pdf\n报告.exe"
    wb.save(f"{out}/values.xlsx")

    wb = openpyxl.load_workbook(form)
    ws = wb["自查自评"]
    ws.delete_rows(5, 2)
    wb.save(f"{out}/deleted.xlsx")

    wb = openpyxl.load_workbook(form)
    ws = wb["自查自评"]
    ws.insert_rows(4)
    ws.cell(4, 6).value = "插入的说明"
    wb.save(f"{out}/inserted.xlsx")

    wb = openpyxl.load_workbook(form)
    ws = wb["自查自评"]
    ws.merge_cells("F7:G8")
    wb.save(f"{out}/merged.xlsx")

    wb = openpyxl.load_workbook(form)
    ws = wb["自查自评"]
    k = rows_by_key(ws)
    ws.cell(k["jichuan|2.5|fair|"], 5).value = "=1+1"
    wb.save(f"{out}/formula.xlsx")


def old(form, out):
    wb = openpyxl.load_workbook(form)
    ws = wb.worksheets[0]
    ws.delete_cols(8)
    ident = wb["kaoping"]
    assert ident["A5"].value == "form"
    ident["B5"].value = "kaoping-form-1"
    wb.save(out)


if __name__ == "__main__":
    {"fill": lambda: fill(sys.argv[2]), "results": lambda: results(sys.argv[2]),
     "hostile": lambda: hostile(sys.argv[2], sys.argv[3]),
     "old": lambda: old(sys.argv[2], sys.argv[3])}[sys.argv[1]]()
