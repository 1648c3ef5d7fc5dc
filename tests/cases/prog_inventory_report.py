# A small report generator: grouping, totals and formatted columns.
orders = [
    ("2024-01-03", "widget", 3, 2.50),
    ("2024-01-03", "gadget", 1, 12.00),
    ("2024-01-04", "widget", 10, 2.25),
    ("2024-01-05", "doohickey", 2, 7.75),
    ("2024-01-05", "gadget", 4, 11.50),
    ("2024-01-05", "widget", 1, 2.50),
]
by_item = {}
by_day = {}
for day, item, qty, price in orders:
    total = qty * price
    entry = by_item.setdefault(item, {"qty": 0, "revenue": 0.0})
    entry["qty"] += qty
    entry["revenue"] += total
    by_day[day] = by_day.get(day, 0.0) + total
print(f"{'item':<10}{'qty':>5}{'revenue':>10}{'avg':>8}")
print("-" * 33)
for item, e in sorted(by_item.items(), key=lambda kv: -kv[1]["revenue"]):
    print(f"{item:<10}{e['qty']:>5}{e['revenue']:>10.2f}{e['revenue'] / e['qty']:>8.2f}")
print("-" * 33)
grand = sum(e["revenue"] for e in by_item.values())
print(f"{'total':<10}{sum(e['qty'] for e in by_item.values()):>5}{grand:>10.2f}")
for day in sorted(by_day):
    share = by_day[day] / grand
    print(f"{day} {by_day[day]:8.2f} {share:6.1%} {'*' * round(share * 40)}")
