# Nested patterns combining sequences, mappings and classes.
def evaluate(expr):
    match expr:
        case int(n):
            return n
        case ["neg", x]:
            return -evaluate(x)
        case ["+", *args]:
            return sum(evaluate(a) for a in args)
        case ["*", a, b]:
            return evaluate(a) * evaluate(b)
        case {"op": "sub", "args": [a, b]}:
            return evaluate(a) - evaluate(b)
        case _:
            raise ValueError(f"bad expression: {expr!r}")
print(evaluate(5))
print(evaluate(["+", 1, 2, 3]))
print(evaluate(["*", ["+", 1, 2], ["neg", 4]]))
print(evaluate({"op": "sub", "args": [10, ["*", 2, 3]]}))
try:
    evaluate(["?", 1])
except ValueError as e:
    print("ValueError:", e)
match (1, (2, 3), [4, 5, 6]):
    case (a, (b, *c), [d, *e]):
        print(a, b, c, d, e)
