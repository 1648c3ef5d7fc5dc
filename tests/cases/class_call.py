# Callable instances with __call__.
class Multiplier:
    def __init__(self, k):
        self.k = k
        self.calls = 0
    def __call__(self, x, *rest, scale=1):
        self.calls += 1
        return [v * self.k * scale for v in (x,) + rest]
m = Multiplier(3)
print(m(1), m(1, 2, 3), m(2, scale=10), m.calls)
print(list(map(Multiplier(2), [1, 2])))
print(callable(m), callable(Multiplier), callable(3))
class Memo:
    def __init__(self, fn):
        self.fn = fn
        self.cache = {}
    def __call__(self, n):
        if n not in self.cache:
            self.cache[n] = self.fn(n)
        return self.cache[n]
@Memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), len(fib.cache), type(fib).__name__)
