# Several context managers in one with statement exit in reverse order.
class CM:
    def __init__(self, name, fail_enter=False):
        self.name = name
        self.fail_enter = fail_enter
    def __enter__(self):
        print("  enter", self.name)
        if self.fail_enter:
            raise RuntimeError(f"cannot enter {self.name}")
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print("  exit", self.name, exc_type.__name__ if exc_type else None)
        return False
with CM("a") as a, CM("b") as b, CM("c") as c:
    print("  body", a, b, c)
try:
    with CM("x"), CM("y"):
        raise ValueError("in body")
except ValueError as e:
    print("caught", e)
try:
    with CM("first"), CM("second", fail_enter=True), CM("third"):
        print("  never")
except RuntimeError as e:
    print("caught", e)
with (CM("p") as p,
      CM("q") as q):
    print("  parenthesized", p, q)
