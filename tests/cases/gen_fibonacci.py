# Classic generator examples: fibonacci, collatz, running sums.
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
def collatz(n):
    while n != 1:
        yield n
        n = n // 2 if n % 2 == 0 else 3 * n + 1
    yield 1
def running_sum(it):
    total = 0
    for x in it:
        total += x
        yield total
g = fib()
print([next(g) for _ in range(20)])
print(list(collatz(27))[:10], len(list(collatz(27))), max(collatz(27)))
print(list(running_sum(range(1, 11))))
def first_over(limit):
    for i, f in enumerate(fib()):
        if f > limit:
            return i, f
print(first_over(10 ** 20))
