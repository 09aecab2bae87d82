#!/usr/bin/env python3
"""Writes examples/archive/: a fictional archive of three years derived from
the sample province in content/ (run from the repository root; the YAML it
writes is committed, this script only documents how it was made).

- 2013: eight cities of content/, the 2013 standard, as they are.
- 2014: the same standard; each city gets the findings of another sample city
  (so ranks move), some of the units' findings put right; fengzhu (枫渚市) is renamed fengcheng (枫城市).
- 2015: a revised standard (1.1 reworded; one point moved from 1.3 to 1.2;
  2.7 removed; 2.8 added; total still 100); zhiting (芷汀市) joins.
"""
import copy, datetime, pathlib, re, yaml

SRC = pathlib.Path("content")
OUT = pathlib.Path("examples/archive")
BASE = ["qinglan", "yunze", "canglan", "jichuan", "fengzhu", "heting", "xiuhu", "shuangpu"]
NEW = "zhiting"
RENAME = ("fengzhu", "fengcheng", "枫城市", 2014)

site = yaml.safe_load((SRC / "site.yaml").read_text(encoding="utf-8"))
names = {c["id"]: c["name"] for c in site["cities"]}
units = site["units"]
cities = {c: yaml.safe_load((SRC / "cities" / f"{c}.yaml").read_text(encoding="utf-8")) for c in BASE + [NEW]}
unit_files = {u["id"]: yaml.safe_load((SRC / "units" / f"{u['id']}.yaml").read_text(encoding="utf-8")) for u in units}


def method_text(text, year):
    """standard.md as the office revises it for `year`: the assessment's year,
    the deadlines early in the year after (2013 keeps the seed's words)."""
    if year == 2013:
        return text
    for day in ("1月10日", "2月10日"):
        text = text.replace(f"2013年{day}", f"{year + 1}年{day}")
    return text.replace("2013年", f"{year}年")


def revised(text):
    """The 2015 standard, edited from the 2013 one."""
    old_11 = "认真贯彻落实省社会管理综合治理委员会第一次会议精神,设立市综治委实有人口专项组"
    assert old_11 in text
    text = text.replace(old_11, "认真贯彻落实省综治委全体会议精神,健全市综治委实有人口专项组")
    i12 = text.index('id: "1.2"')
    text = text[:i12] + text[i12:].replace("points: 5", "points: 6", 1)
    i13 = text.index('id: "1.3"')
    rest = text[i13:].replace("points: 5", "points: 4", 1)
    rest = rest.replace("{ id: no-meeting, when: 没有召开会议的, deduct: 5 }", "{ id: no-meeting, when: 没有召开会议的, deduct: 4 }", 1)
    text = text[:i13] + rest
    start = text.index('      - id: "2.7"')
    end = text.index('  - id: "3"')
    new_item = (
        '      - id: "2.8"\n'
        "        text: 推进流动人口网格化服务管理,做到底数清、情况明、服务到位\n"
        "        points: 5\n"
        "        basis: 通过实地查看和台账检查\n"
        "        assessors: [office]\n"
        "        rules:\n"
        "          - { id: no-grid, when: 没有建立网格化服务管理的, deduct: 5 }\n"
        "          - { id: partial, when: 网格化服务管理覆盖不全的, deduct: { min: 1, max: 3 } }\n\n"
    )
    text = text[:start] + new_item + text[end:]
    return text.replace("（2013年）", "（2015年修订，示例）", 1)


def shift(value, years, renames):
    """Dates moved on by `years`; names and years in texts replaced."""
    if isinstance(value, dict):
        return {k: shift(v, years, renames) for k, v in value.items()}
    if isinstance(value, list):
        return [shift(v, years, renames) for v in value]
    if isinstance(value, datetime.date):
        return value.replace(year=value.year + years)
    if isinstance(value, str):
        for a, b in renames:
            value = value.replace(a, b)
        return value
    return value


def texts(value, src, city, year):
    """A source city's texts made the city's: its name, the short name in
    document numbers (青综治委〔2013〕3号), and the year."""
    if isinstance(value, dict):
        return {k: texts(v, src, city, year) for k, v in value.items()}
    if isinstance(value, list):
        return [texts(v, src, city, year) for v in value]
    if isinstance(value, str):
        value = value.replace(names[src], city)
        value = re.sub(names[src][0] + "(?=[综实政发财公教民卫人计办])", city[0], value)
        return value.replace("〔2013〕", f"〔{year}〕").replace("2013年", f"{year}年").replace("2014年", f"{year + 1}年")
    return value


def year_entries(entries, year):
    entries = copy.deepcopy(entries)
    if year == 2015:
        entries.pop("2.7", None)
    return entries


def block(dumper, text):
    """Multi-line texts (reports) as `|` blocks, as people write them."""
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


yaml.SafeDumper.add_representer(str, block)


def dump(path, header, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None)
    path.write_text(header + text, encoding="utf-8")


for k, year in enumerate([2013, 2014, 2015]):
    folder = OUT / str(year)
    roster = BASE + ([NEW] if year == 2015 else [])
    ids = {c: (RENAME[1] if c == RENAME[0] and year >= RENAME[3] else c) for c in roster}
    shown = {c: (RENAME[2] if c == RENAME[0] and year >= RENAME[3] else names[c]) for c in roster}
    # Each city takes the findings of a sample city k×3 places on (2013: its own).
    source = {c: (BASE[(i + 3 * k) % len(BASE)] if c in BASE else c) for i, c in enumerate(roster)}
    site_doc = {
        "title": f"{year}年度实有人口专项组考评结果（示例）",
        "year": year,
        "weight": 14,
        "marking": "内部资料",
        "sample": True,
        "deadlines": {"self_assessment": datetime.date(year + 1, 1, 10), "inspection": datetime.date(year + 1, 2, 10)},
        "cities": [{"id": ids[c], "name": shown[c]} for c in roster],
        "units": units,
    }
    dump(folder / "site.yaml", "# 示例档案：城市名称均为虚构，数据仅用于演示。\n", site_doc)
    standard = (SRC / "standard.yaml").read_text(encoding="utf-8")
    (folder / "standard.yaml").write_text(revised(standard) if year == 2015 else standard, encoding="utf-8")
    (folder / "standard.md").write_text(method_text((SRC / "standard.md").read_text(encoding="utf-8"), year), encoding="utf-8")
    for i, c in enumerate(roster):
        src = source[c]
        doc = texts(shift(cities[src], k, []), src, shown[c], year)
        doc["items"] = year_entries(doc["items"], year)
        if year == 2015:
            doc["items"]["2.8"] = {"findings": [{"rule": "partial", "amount": 1 + i % 3, "note": "部分社区未划分网格"}] if i % 3 == 0 else []}
        dump(folder / "cities" / f"{ids[c]}.yaml", f"# {shown[c]} {year}年度自查自评（虚构的示例数据）\n", doc)
    for u in units:
        doc = unit_files[u["id"]]
        out = {"submitted": shift(doc["submitted"], k, []),
               "report": doc["report"] if year == 2013 else f"**{u['name']}{year}年度实地检查报告**\n\n按评分标准逐项实地检查各市工作（虚构的示例数据）。\n",
               "cities": {}}
        for i, c in enumerate(roster):
            src = source[c]
            entries = doc.get("cities", {}).get(src)
            if entries is None:
                continue
            entries = year_entries(texts(shift(entries, k, []), src, shown[c], year), year)
            if k > 0 and (i + k + len(u["id"])) % 3 == 0:
                # Half the problems found the year before are put right.
                for e in entries.values():
                    if e.get("findings"):
                        e["findings"] = e["findings"][1:]
                        break
            if year == 2015 and u["id"] == "office":
                entries["2.8"] = {"findings": [{"rule": "no-grid", "note": "未建立网格化服务管理"}] if i == 5 else []}
            if entries:
                out["cities"][ids[c]] = entries
        dump(folder / "units" / f"{u['id']}.yaml", f"# {u['name']} {year}年度实地检查考评报告（虚构的示例数据）\n", out)

(OUT / "archive.yaml").write_text(
    "# 示例档案：三个年度，城市名称均为虚构，数据仅用于演示。\n"
    "title: 实有人口专项组历年考评结果（示例）\n"
    "marking: 内部资料\n"
    "years:\n"
    '  - { year: 2013, content: "2013" }\n'
    '  - { year: 2014, content: "2014" }\n'
    '  - { year: 2015, content: "2015" }   # 评分标准修订：1.1条文修改，1.2与1.3分值调整，删去2.7，新增2.8\n'
    "renamed:\n"
    "  - { from: fengzhu, to: fengcheng, in: 2014 }   # 枫渚市自2014年度起为枫城市\n",
    encoding="utf-8",
)
