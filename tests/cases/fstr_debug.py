# Self-documenting f-strings with '='.
x = 10
name = "Ada"
items = [1, 2, 3]
print(f"{x=}")
print(f"{x = }")
print(f"{x=!s}")
print(f"{name=}")
print(f"{name=!s}")
print(f"{x * 2 + 1=}")
print(f"{len(items)=}, {items[-1]=}")
print(f"{x=:5d}|")
print(f"{3.14159=:.2f}")
print(f"{name.upper()=:>8}")
print(f"{x==10=}")
