#!/usr/bin/env python3
"""Independent checker/scorer for kaoping content (spec v1, sections 3-7), exact arithmetic."""
import sys, os, re, glob, datetime
from fractions import Fraction
from decimal import Decimal, ROUND_HALF_UP
import yaml

ROOT = next((a for a in sys.argv[1:] if not a.startswith('-')), 'content')
errors, warnings = [], []
def err(m): errors.append(m)
def warn(m): warnings.append(m)

def load(p):
    with open(p, encoding='utf-8-sig') as fh:
        return yaml.safe_load(fh)

def num(v, where, places=2):
    """exact Fraction from a YAML number, at most `places` decimals"""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        err(f'{where}: not a number: {v!r}'); return Fraction(0)
    d = Decimal(str(v))
    if d.as_tuple().exponent < -places:
        err(f'{where}: more than {places} decimals: {v}')
    return Fraction(d)

def keys(d, allowed, where, required=()):
    if not isinstance(d, dict):
        err(f'{where}: not a mapping'); return False
    for k in d:
        if k not in allowed: err(f'{where}: unknown key {k!r}')
    for k in required:
        if k not in d: err(f'{where}: missing {k!r}')
    return True

SLUG = re.compile(r'^[a-z0-9][a-z0-9-]{0,63}$')
RESERVED = {'con', 'prn', 'aux', 'nul'} | {f'com{i}' for i in range(1, 10)} | {f'lpt{i}' for i in range(1, 10)}
def slug(x, where):
    if not isinstance(x, str) or not SLUG.match(x) or x in RESERVED:
        err(f'{where}: bad id {x!r}')

# ---------------- site
site = load(f'{ROOT}/site.yaml')
keys(site, {'title', 'year', 'weight', 'theme', 'marking', 'sample', 'deadlines', 'cities', 'units'}, 'site.yaml',
     ('title', 'year', 'weight', 'deadlines', 'cities', 'units'))
keys(site['deadlines'], {'self_assessment', 'inspection'}, 'site.yaml deadlines', ('self_assessment', 'inspection'))
cities = [(c['id'], c['name']) for c in site['cities']]
units = [(u['id'], u['name']) for u in site['units']]
for c in site['cities'] + site['units']:
    keys(c, {'id', 'name'}, 'site.yaml roster', ('id', 'name')); slug(c['id'], 'site.yaml')
city_ids = [c for c, _ in cities]; unit_ids = [u for u, _ in units]
assert len(set(city_ids)) == len(city_ids) and len(set(unit_ids)) == len(unit_ids)
def date(v):
    return v if isinstance(v, datetime.date) else datetime.date.fromisoformat(str(v))
DL_SELF = date(site['deadlines']['self_assessment']); DL_INSP = date(site['deadlines']['inspection'])

# ---------------- standard
std = load(f'{ROOT}/standard.yaml')
keys(std, {'title', 'total', 'sections'}, 'standard.yaml', ('title', 'total', 'sections'))
ITEMS = {}   # id -> dict(kind='scored'|'penalty', max, award, rules{id: deduct}, assessors)
ORDER = []
total = Fraction(0)
for sec in std['sections']:
    keys(sec, {'id', 'title', 'points', 'penalty', 'items'}, f"section {sec.get('id')}", ('id', 'title', 'items'))
    if ('points' in sec) == ('penalty' in sec): err(f"section {sec['id']}: needs exactly one of points/penalty")
    scored = 'points' in sec
    ssum = Fraction(0)
    for it in sec['items']:
        iid = it['id']; w = f'item {iid}'
        assert isinstance(iid, str), w
        keys(it, {'id', 'text', 'points', 'penalty', 'basis', 'responsible', 'assessors', 'rules', 'award'}, w, ('id', 'text', 'assessors'))
        mx = num(it['points'] if scored else it['penalty'], w)
        if scored and 'penalty' in it or (not scored and 'points' in it): err(f'{w}: wrong points/penalty key')
        ssum += mx
        for a in it['assessors']:
            if a not in unit_ids: err(f'{w}: unknown assessor {a}')
        award = it.get('award', False)
        if award and 'rules' in it: err(f'{w}: award item with rules')
        if not award and not it.get('rules'): err(f'{w}: no rules')
        rules = {}
        for r in it.get('rules', []):
            keys(r, {'id', 'when', 'deduct'}, f'{w} rule', ('id', 'when', 'deduct'))
            slug(r['id'], w)
            if r['id'] in rules: err(f"{w}: duplicate rule {r['id']}")
            d = r['deduct']
            if isinstance(d, dict):
                if set(d) == {'min', 'max'}:
                    if num(d['min'], w) > num(d['max'], w): err(f'{w}: min>max')
                    if num(d['max'], w) > mx: err(f'{w}: max above points')
                elif set(d) == {'per'}: pass
                elif set(d) == {'per_point', 'ratio'}: pass
                else: err(f'{w}: bad deduct {d}')
            elif num(d, w) > mx:
                err(f'{w}: fixed deduction above item points')
            rules[r['id']] = d
        ITEMS[iid] = dict(kind='scored' if scored else 'penalty', max=mx, award=award, rules=rules,
                          assessors=set(it['assessors']), section=sec['id'])
        ORDER.append(iid)
    if scored:
        if ssum != num(sec['points'], 'section'): err(f"section {sec['id']}: items sum {ssum} != {sec['points']}")
        total += ssum
if total != num(std['total'], 'total'): err(f'standard total {total} != {std["total"]}')
PEN_CAP = {s['id']: Fraction(Decimal(str(s['penalty']))) for s in std['sections'] if 'penalty' in s}

# ---------------- assessments
def finding_amount(item, f, where):
    """returns (rule, amount) for one finding"""
    keys(f, {'rule', 'amount', 'count', 'population', 'staff', 'note', 'evidence'}, where, ('rule',))
    rid = f['rule']; it = ITEMS[item]
    if rid not in it['rules']:
        err(f'{where}: unknown rule {rid!r} for item {item} (known: {", ".join(it["rules"])})'); return rid, Fraction(0)
    d = it['rules'][rid]
    if not isinstance(d, dict):
        return rid, Fraction(Decimal(str(d)))
    if 'min' in d:
        if 'amount' not in f or 'note' not in f: err(f'{where}: range finding needs amount and note'); return rid, Fraction(0)
        a = num(f['amount'], where)
        if not (num(d['min'], where) <= a <= num(d['max'], where)): err(f'{where}: amount {a} outside range')
        return rid, a
    if 'per' in d:
        c = f.get('count')
        if not isinstance(c, int) or isinstance(c, bool) or c < 1: err(f'{where}: bad count {c!r}'); return rid, Fraction(0)
        return rid, c * num(d['per'], where)
    # staffing
    pop, staff = f.get('population'), f.get('staff')
    if not isinstance(pop, dict) or set(pop) != set(d['ratio']) or staff is None:
        err(f'{where}: staffing finding needs population {set(d["ratio"])} and staff'); return rid, Fraction(0)
    for v in list(pop.values()) + [staff]:
        if not isinstance(v, int) or v < 0: err(f'{where}: population/staff must be whole, >= 0')
    required = sum(Fraction(pop[k]) / Fraction(d['ratio'][k]) for k in pop)
    if required == 0: err(f'{where}: zero required staff'); return rid, Fraction(0)
    rate = Fraction(staff) / required * 100
    pts = (100 - rate).__floor__() if rate < 100 else 0
    return rid, pts * num(d['per_point'], where)

def parse_entry(item, e, where):
    """-> ('award', score) or ('rules', {rule: amount})"""
    it = ITEMS[item]
    if it['award']:
        keys(e, {'score', 'note', 'evidence'}, where, ('score',))
        sc = num(e.get('score', 0), where)
        if not (0 <= sc <= it['max']): err(f'{where}: award score outside [0,{it["max"]}]')
        return ('award', sc)
    keys(e, {'findings', 'note', 'evidence'}, where, ('findings',))
    out = {}
    for k, f in enumerate(e.get('findings') or []):
        rid, a = finding_amount(item, f, f'{where} finding {k}')
        if rid in out: err(f'{where}: rule {rid} twice in one entry')
        out[rid] = a
    return ('rules', out)

def half_up(x, places=2):
    q = Decimal(x.numerator) / Decimal(x.denominator)
    return Fraction(q.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))

SELF, SUB_SELF = {}, {}
for p in sorted(glob.glob(f'{ROOT}/cities/*.yaml')):
    cid = os.path.basename(p)[:-5]
    if cid not in city_ids: err(f'{p}: not a roster city'); continue
    d = load(p); keys(d, {'submitted', 'report', 'items'}, p, ('submitted', 'items'))
    SUB_SELF[cid] = date(d['submitted'])
    SELF[cid] = {}
    for k, e in (d.get('items') or {}).items():
        k = str(k)
        if k not in ITEMS: err(f'{p}: unknown item {k}'); continue
        SELF[cid][k] = parse_entry(k, e, f'{p} item {k}')

INSP, SUB_UNIT = {}, {}   # (city, item) -> [(unit, parsed)]
for p in sorted(glob.glob(f'{ROOT}/units/*.yaml')):
    uid = os.path.basename(p)[:-5]
    if uid not in unit_ids: err(f'{p}: not a roster unit'); continue
    d = load(p); keys(d, {'submitted', 'report', 'cities'}, p, ('submitted', 'cities'))
    SUB_UNIT[uid] = date(d['submitted'])
    for cid, items in (d.get('cities') or {}).items():
        if cid not in city_ids: err(f'{p}: unknown city {cid}'); continue
        for k, e in items.items():
            k = str(k)
            if k not in ITEMS: err(f'{p}: unknown item {k}'); continue
            if uid not in ITEMS[k]['assessors']: err(f'{p}: {uid} is not an assessor of {k}')
            INSP.setdefault((cid, k), []).append((uid, parse_entry(k, e, f'{p} {cid} item {k}')))

def combine(item, parsed_list):
    """parsed_list: list of parsed entries -> deduction (or award score)"""
    it = ITEMS[item]
    if it['award']:
        scores = [v for kind, v in parsed_list]
        return half_up(sum(scores, Fraction(0)) / len(scores))
    best = {}
    for kind, rules in parsed_list:
        for r, a in rules.items():
            best[r] = max(best.get(r, Fraction(0)), a)
    return sum(best.values(), Fraction(0))

def city_result(cid, self_only=False):
    base, pens = Fraction(0), {}
    detail = {}
    for item in ORDER:
        it = ITEMS[item]
        insp = INSP.get((cid, item)) if not self_only else None
        s = SELF.get(cid, {}).get(item)
        if insp:
            src, parsed = 'inspection', [pp for _, pp in insp]
        elif s is not None:
            src, parsed = 'self', [s]
        else:
            src, parsed = 'missing', None
        if it['kind'] == 'scored':
            if parsed is None: sc = Fraction(0)
            elif it['award']: sc = combine(item, parsed)
            else: sc = it['max'] - min(it['max'], combine(item, parsed))
            base += sc
            detail[item] = (src, sc)
        else:
            dd = min(it['max'], combine(item, parsed)) if parsed else Fraction(0)
            pens.setdefault(it['section'], Fraction(0))
            pens[it['section']] += dd
            detail[item] = (src, -dd)
    penalty = sum((min(PEN_CAP[s], v) for s, v in pens.items()), Fraction(0))
    return base, penalty, max(Fraction(0), base - penalty), detail

def fmt(x):
    d = Decimal(x.numerator) / Decimal(x.denominator)
    return format(d.normalize(), 'f') if d != d.to_integral() else str(int(d))

# warnings
for cid in city_ids:
    if cid not in SELF: warn(f'{cid}: no self-assessment file')
    elif SUB_SELF[cid] > DL_SELF: warn(f'{cid}: self-assessment late ({SUB_SELF[cid]})')
    for item in ORDER:
        if item not in SELF.get(cid, {}) and (cid, item) not in INSP:
            warn(f'{cid} item {item}: neither self-assessed nor inspected')
for uid in unit_ids:
    if uid not in SUB_UNIT: warn(f'{uid}: no inspection file')
    elif SUB_UNIT[uid] > DL_INSP: warn(f'{uid}: inspection late ({SUB_UNIT[uid]})')

rows = []
for cid, name in cities:
    b, p, t, det = city_result(cid)
    sb, sp, st, _ = city_result(cid, self_only=True)
    rows.append((cid, name, b, p, t, half_up(t * site['weight'] / 100), st, det))
order = sorted(rows, key=lambda r: -r[4])
rank, prev = {}, None
for i, r in enumerate(order):
    rank[r[0]] = rank[prev[0]] if prev and prev[4] == r[4] else i + 1
    prev = r
for e in errors: print('error:', e)
for w in warnings: print('warning:', w)
print(f'{"rank":>4} {"id":10} {"name":6} {"base":>7} {"penalty":>7} {"total":>7} {"weighted":>8} {"self_total":>10}')
for r in order:
    print(f'{rank[r[0]]:>4} {r[0]:10} {r[1]:6} {fmt(r[2]):>7} {fmt(r[3]):>7} {fmt(r[4]):>7} {fmt(r[5]):>8} {fmt(r[6]):>10}')
if '-v' in sys.argv:
    for r in rows:
        print(r[0], ' '.join(f'{k}:{v[0][0]}{fmt(v[1])}' for k, v in r[7].items()))
tot = [r[4] for r in rows]
ties = {fmt(t) for t in tot if tot.count(t) > 1}
print('ties at:', ties or 'none')
sys.exit(1 if errors else 0)
