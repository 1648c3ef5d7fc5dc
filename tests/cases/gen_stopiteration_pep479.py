# PEP 479: StopIteration escaping a generator body becomes RuntimeError.
def leaky():
    it = iter([1, 2])
    while True:
        yield next(it)
try:
    print(list(leaky()))
except RuntimeError as e:
    print("RuntimeError:", e)
    print("cause:", type(e.__cause__).__name__)
def safe():
    it = iter([1, 2])
    while True:
        try:
            value = next(it)
        except StopIteration:
            return
        yield value
print(list(safe()))
def explicit_return_value():
    yield 1
    return 99
g = explicit_return_value()
print(next(g), next(g, "exhausted"))
class Iter:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration
        return self.n
print(list(Iter()))
