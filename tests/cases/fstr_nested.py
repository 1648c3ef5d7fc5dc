# Nested replacement fields inside format specs.
value = 3.14159
for width in (6, 10):
    for prec in (1, 3):
        print(f"[{value:{width}.{prec}f}]")
align = "^"
fill = "*"
print(f"[{'mid':{fill}{align}11}]")
spec = ">8.2f"
print(f"[{value:{spec}}]")
rows = [("apple", 1.5), ("kiwi", 12.25)]
w = max(len(name) for name, _ in rows)
for name, price in rows:
    print(f"{name:<{w}} | {price:>{w}.2f}")
print(f"{f'{1 + 1}'} {f'{value:.{2}f}'!r}")
print(f"{'x' * 3:>{2 * 3}}")
