# Basic f-strings.
name = "World"
n = 42
pi = 3.14159
print(f"Hello, {name}!")
print(f"{n} {n + 1} {n * 2} {n // 5}")
print(f"{name.upper()} {len(name)} {name[::-1]}")
print(f"{pi}", f"{[1, 2]}", f"{(1,)}", f"{None}", f"{True}")
print(f"{{literal braces}} {{{n}}}")
print(f"", f"no fields", F"capital F")
items = {"a": 1}
print(f"{items['a']} {items}")
print(f"{'nested quotes'}", f'{"double"}')
print(f"multi {n} " f"part {name}")
x = 10
print(f"{x if x > 5 else 0} {x > 5}")
print(f"{n!r:>6}|{name:^11}|")
print(f"""triple {n}
quoted {name}""")
