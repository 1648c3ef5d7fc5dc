# Comprehensions have their own scope; loop variables do not leak.
x = "outer x"
squares = [x * x for x in range(4)]
print(squares, x)
i = "outer i"
total = sum(i for i in range(5))
print(total, i)
d = {k: v for k, v in [("a", 1)]}
print("k" in dir(), d)
funcs = [lambda: n for n in range(3)]
print([f() for f in funcs])
def f():
    y = 10
    return [y + z for z in range(3)]
print(f())
matrix = [[1, 2], [3, 4]]
print([cell for row in matrix for cell in row if cell != row[0]])
result = [(row, col) for row in range(2) for col in range(row, 2)]
print(result)
