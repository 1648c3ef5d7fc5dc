# Functions are first-class values.
def add(a, b):
    return a + b
def sub(a, b):
    return a - b
ops = {"+": add, "-": sub, "*": lambda a, b: a * b}
for sym in "+-*":
    print(sym, ops[sym](7, 3))
def apply_twice(f, x):
    return f(f(x))
print(apply_twice(lambda v: v * 3, 2), apply_twice(str.upper, "a"))
def compose(*fns):
    def run(x):
        for f in reversed(fns):
            x = f(x)
        return x
    return run
pipeline = compose(str, abs, lambda v: v - 10)
print(repr(pipeline(3)))
funcs = [len, str.strip, sorted]
print([f("  cab ") for f in funcs])
alias = add
print(alias is add, alias(1, 1), alias.__name__)
print(sorted([sub, add], key=lambda f: f.__name__)[0].__name__)
