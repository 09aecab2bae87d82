#!/usr/bin/env python3
"""Writes a Hugo site equivalent to the kaoping site built from the same
content, for scripts/bench.sh's comparison: one Markdown page per city with
the same tables (every item: its id, maximum, score, self-assessed score,
where the score came from, and one row per deduction with rule, amount,
unit and note), a section table, a ranking page of all cities and an index.
The figures come from kaoping's own results.json, so both tools render the
same numbers; Hugo renders Markdown tables through its default templates
and a small base layout (no theme, no taxonomies, no RSS or sitemap).

    scripts/hugo-site.py KAOPING_OUTPUT/results.json HUGO_DIR
    hugo --quiet --source HUGO_DIR --destination OUT
"""
import json, os, sys

results, root = sys.argv[1], sys.argv[2]
doc = json.load(open(results, encoding="utf-8"))
os.makedirs(f"{root}/content/cities", exist_ok=True)
os.makedirs(f"{root}/layouts/_default", exist_ok=True)
open(f"{root}/config.toml", "w").write(
    'baseURL = "/"\ntitle = "%s"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
    '[markup.goldmark.renderer]\nunsafe = false\n' % doc["title"].replace('"', "'"))
base = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav><a href="/">首页</a> <a href="/cities/">排名</a></nav><main><h1>{{ .Title }}</h1>{{ block "main" . }}{{ end }}</main></body></html>"""
open(f"{root}/layouts/_default/baseof.html", "w").write(base)
open(f"{root}/layouts/_default/single.html", "w").write(
    '{{ define "main" }}<p>排名 {{ .Params.rank }}，总分 {{ .Params.total }}</p>{{ .Content }}{{ end }}')
open(f"{root}/layouts/_default/list.html", "w").write(
    '{{ define "main" }}{{ .Content }}<table><tr><th>名次</th><th>城市</th><th>总分</th></tr>'
    '{{ range .Pages.ByParam "rank" }}<tr><td>{{ .Params.rank }}</td><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td>'
    '<td>{{ .Params.total }}</td></tr>{{ end }}</table>{{ end }}')
open(f"{root}/content/_index.md", "w").write(f"---\ntitle: {doc['title']}\n---\n{len(doc['cities'])} 个城市。\n")
open(f"{root}/content/cities/_index.md", "w").write("---\ntitle: 排名\n---\n")


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


for c in doc["cities"]:
    lines = ["| 部分 | 得分 | 满分 |", "| --- | ---: | ---: |"]
    for s in c["sections"]:
        lines.append(f"| {s['id']} | {s.get('score', s.get('penalty'))} | {s.get('max', s.get('cap'))} |")
    lines += ["", "| 项目 | 满分 | 得分 | 自评 | 来源 |", "| --- | ---: | ---: | ---: | --- |"]
    for it in c["items"]:
        got = it.get("score", it.get("penalty"))
        own = it.get("self_score", it.get("self_penalty"))
        lines.append(f"| {it['id']} | {it.get('max', it.get('cap'))} | {got} | {own if own is not None else '—'} | {it['source']} |")
        for d in it["deductions"]:
            lines.append(f"| ↳ {cell(d['rule'])} | | −{d['amount']} | {cell(d['by'])} | {cell(d.get('note') or '')} |")
    front = f"---\ntitle: \"{c['name']}\"\nrank: {c['rank']}\ntotal: {c['total']}\n---\n"
    open(f"{root}/content/cities/{c['id']}.md", "w", encoding="utf-8").write(front + "\n".join(lines) + "\n")
