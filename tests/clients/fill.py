"""Fills kaoping's xlsx forms the way a person would, with openpyxl (a
client that is not kaoping), and reads results.xlsx back.

    fill.py fill FORMS_DIR      fill two city and two unit workbooks in place
    fill.py results RESULTS     print results.xlsx's 排名 sheet as CSV lines,
                                failing unless every number cell is a number
    fill.py hostile FORM OUT    write broken copies of a form into OUT
    fill.py old FORM OUT        write FORM as an earlier layout (kaoping-form-2)
    fill.py set FORM OUT [--answered] KEY COL VALUE [KEY COL VALUE …]
                                a copy of FORM with the cells of the rows
                                KEY, columns COL (5 填写, 6 说明, 7 佐证, 8 附件),
                                set to VALUE ("" for empty; a number if it
                                reads as one); KEY "报送" COL 2|3 for the cover;
                                --answered first answers every item 不扣分
                                (award items full points) and dates it

A form starts blank where a person decides: every item's 填写 cell must be
answered (已自评/已检查，不扣分 · 有扣分 · 未自评/未检查, or a score), and
under 有扣分 every rule on its row.
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


def rule_rows(rows, city, item):
    """The rule rows (not the figures of a staffing rule) of an item."""
    return [(k.split("|")[2], r) for k, r in rows.items()
            if k.startswith(f"{city}|{item}|") and k.split("|")[2] and not k.split("|")[3]]


def none_of(ws, r):
    """The "no such case" answer of a rule row, by what its column D asks."""
    return "否" if "是/否" in ws.cell(r, 4).value else 0


def deduct(ws, rows, city, item, choice, rules):
    """Marks the item 有扣分 and answers every rule row: `rules` maps a rule
    id to (value, note); the other rules get 否 or 0."""
    ws.cell(rows[f"{city}|{item}||"], 5).value = choice
    for rid, r in rule_rows(rows, city, item):
        value, note = rules.get(rid, (none_of(ws, r), None))
        ws.cell(r, 5).value = value
        if note is not None:
            ws.cell(r, 6).value = note


def answer_rest(ws, rows, no_deduction):
    """Every item row still empty: a rules item 不扣分, an award item its
    full points (read from what column D asks: 0至N分); a unit's city row
    still empty 已检查."""
    skipped = {k.split("|")[0] for k, r in rows.items() if ws.cell(r, 5).value == "未检查本市"}
    for k, r in rows.items():
        parts = k.split("|")
        if parts[0] in skipped:
            continue
        if not parts[1] and ws.cell(r, 5).value is None:
            ws.cell(r, 5).value = "已检查"
        elif parts[1] and not parts[2] and ws.cell(r, 5).value is None:
            ask = ws.cell(r, 4).value
            if ask.startswith("得分"):
                ws.cell(r, 5).value = float(ask.split("0至")[1].split("分")[0])
            else:
                ws.cell(r, 5).value = no_deduction


def fill(forms):
    # 示例甲市: its own deductions; the date typed as a real Excel date.
    wb = openpyxl.load_workbook(f"{forms}/cities/示例甲市.xlsx")
    ws = wb["自查自评"]
    k = rows_by_key(ws)
    has = "已自评，有扣分"
    deduct(ws, k, "example-a", "1.2", has, {"no-mechanism": ("是", "机制尚在建立")})
    deduct(ws, k, "example-a", "2.5", has, {"fair": (1.5, "成效一般")})
    deduct(ws, k, "example-a", "3.4", has, {"rights": (2, "随迁子女入学、公租房两项未落实")})
    deduct(ws, k, "example-a", "2.6", has, {"coordinators": ("是", None)})
    put(ws, k, "example-a|2.6|coordinators|urban", 1200000)
    put(ws, k, "example-a|2.6|coordinators|rural", 300000)
    put(ws, k, "example-a|2.6|coordinators|staff", 1800)
    put(ws, k, "example-a|6.3||", 3.5, evidence="省综治委简报2024年第5期\n领导批示",
        files="example-a/省综治委简报2024年第5期.pdf\n attachments/example-a/领导批示.jpg ")
    answer_rest(ws, k, "已自评，不扣分")
    wb["报送"]["B2"].value = datetime.datetime(2025, 1, 8)
    wb["报送"]["B3"].value = "全市实有人口服务管理工作情况报告\n\n一、基本情况"
    wb.save(f"{forms}/cities/示例甲市.xlsx")

    # 示例乙市: nothing deducted; the date typed as text.
    wb = openpyxl.load_workbook(f"{forms}/cities/示例乙市.xlsx")
    ws = wb["自查自评"]
    answer_rest(ws, rows_by_key(ws), "已自评，不扣分")
    wb["报送"]["B2"].value = "2025/1/9"
    wb.save(f"{forms}/cities/示例乙市.xlsx")

    wb = openpyxl.load_workbook(f"{forms}/units/省公安厅.xlsx")
    ws = wb["实地检查"]
    k = rows_by_key(ws)
    has = "已检查，有扣分"
    deduct(ws, k, "example-a", "2.5", has, {"fair": (2, "实地检查成效一般")})
    deduct(ws, k, "example-a", "4.1", has, {"not-done": (1, "部分工作不落实")})
    put(ws, k, "example-a|6.1||", 3)
    deduct(ws, k, "example-b", "3.3", has, {"late": ("是", "居住证发放平均延迟45天")})
    answer_rest(ws, k, "已检查，不扣分")
    wb["报送"]["B2"].value = "2025-02-05"
    wb.save(f"{forms}/units/省公安厅.xlsx")

    wb = openpyxl.load_workbook(f"{forms}/units/省综治办实有人口专项组办公室.xlsx")
    ws = wb["实地检查"]
    k = rows_by_key(ws)
    has = "已检查，有扣分"
    put(ws, k, "example-a|1.2||", "未检查")
    deduct(ws, k, "example-a", "3.4", has, {"rights": (1, "公租房未落实")})
    deduct(ws, k, "example-b", "1.3", has, {"no-plan": ("是", None)})
    answer_rest(ws, k, "已检查，不扣分")
    wb["报送"]["B2"].value = datetime.date(2025, 2, 6)
    wb.save(f"{forms}/units/省综治办实有人口专项组办公室.xlsx")


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


def answered(form):
    """A form of jichuan with every item answered and a date: what a
    person returns, before the mistake under test."""
    wb = openpyxl.load_workbook(form)
    ws = wb["自查自评"]
    answer_rest(ws, rows_by_key(ws), "已自评，不扣分")
    wb["报送"]["B2"].value = "2014-01-08"
    return wb, ws


def hostile(form, out):
    wb, ws = answered(form)
    k = rows_by_key(ws)
    deduct(ws, k, "jichuan", "2.5", "已自评，有扣分", {"fair": (1.234, "说明")})
    deduct(ws, k, "jichuan", "3.4", "已自评，有扣分", {"rights": ("两项", None)})
    ws.cell(k["jichuan|2.5|fair|"] + 1, 5).value = "也许"
    ws.cell(k["jichuan|2.5|fair|"], 8).value = "../材料.pdf\n报告.exe"
    wb.save(f"{out}/values.xlsx")

    wb, ws = answered(form)
    ws.delete_rows(5, 2)
    wb.save(f"{out}/deleted.xlsx")

    wb, ws = answered(form)
    ws.insert_rows(4)
    ws.cell(4, 6).value = "插入的说明"
    wb.save(f"{out}/inserted.xlsx")

    wb, ws = answered(form)
    ws.merge_cells("F7:G8")
    wb.save(f"{out}/merged.xlsx")

    # A formula in an input cell: openpyxl stores no computed value, as a
    # program that does not calculate would.
    wb, ws = answered(form)
    k = rows_by_key(ws)
    deduct(ws, k, "jichuan", "2.5", "已自评，有扣分", {"fair": ("=1+1", "说明")})
    wb.save(f"{out}/formula.xlsx")

    # One item left blank, and a note on a rule answered 否.
    wb, ws = answered(form)
    k = rows_by_key(ws)
    ws.cell(k["jichuan|1.3||"], 5).value = None
    deduct(ws, k, "jichuan", "1.2", "已自评，有扣分", {})
    ws.cell(k["jichuan|1.2|no-duties|"], 6).value = "职责已明确"
    wb.save(f"{out}/partly.xlsx")

    # Not touched at all.
    openpyxl.load_workbook(form).save(f"{out}/untouched.xlsx")


def old(form, out):
    wb = openpyxl.load_workbook(form)
    ident = wb["kaoping"]
    assert ident["A5"].value == "form"
    ident["B5"].value = "kaoping-form-2"
    wb.save(out)


def number(v):
    try:
        return float(v) if "." in v else int(v)
    except ValueError:
        return v


def set_cells(form, out, args):
    wb = openpyxl.load_workbook(form)
    ws = wb.worksheets[0]
    k = rows_by_key(ws)
    answered = bool(args) and args[0] == "--answered"
    args = args[1:] if answered else args
    for key, col, value in zip(args[0::3], args[1::3], args[2::3]):
        v = None if value == "" else number(value)
        if key == "报送":
            wb["报送"].cell(int(col), 2).value = v
        else:
            ws.cell(k[key], int(col)).value = v
    if answered:
        # Every item not set above answered with no deduction (a city
        # marked 未检查本市 left empty), and a date: what a person returns.
        is_city = ws.title == "自查自评"
        answer_rest(ws, k, "已自评，不扣分" if is_city else "已检查，不扣分")
        if wb["报送"]["B2"].value is None:
            wb["报送"]["B2"].value = "2014-01-08"
    wb.save(out)


if __name__ == "__main__":
    {"fill": lambda: fill(sys.argv[2]), "results": lambda: results(sys.argv[2]),
     "hostile": lambda: hostile(sys.argv[2], sys.argv[3]),
     "old": lambda: old(sys.argv[2], sys.argv[3]),
     "set": lambda: set_cells(sys.argv[2], sys.argv[3], sys.argv[4:])}[sys.argv[1]]()
