# Infinite generators consumed with break or bounded helpers.
def naturals(start=0):
    n = start
    while True:
        yield n
        n += 1
for n in naturals():
    if n * n > 50:
        print("first square above 50:", n * n)
        break
def take(n, it):
    out = []
    for x in it:
        if len(out) >= n:
            break
        out.append(x)
    return out
def cycle(seq):
    while True:
        yield from seq
print(take(7, cycle("abc")))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print(take(15, fib()))
evens = (n for n in naturals() if n % 2 == 0)
print([next(evens) for _ in range(5)])
def primes():
    found = []
    for n in naturals(2):
        if all(n % p for p in found):
            found.append(n)
            yield n
print(take(10, primes()))
