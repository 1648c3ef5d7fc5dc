# Big integers produced by loops: factorials, Fibonacci, gcd.
def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r

def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

def gcd(a, b):
    while b:
        a, b = b, a % b
    return a

print(fact(0), fact(1), fact(10), fact(25))
print(fact(50))
print(fib(10), fib(50), fib(100))
print(fib(200))
print(gcd(48, 18), gcd(17, 5), gcd(0, 9), gcd(fact(20), fib(60)))
print(fact(40) // fact(38))
print(str(fact(100))[:20], len(str(fact(100))))
print(sum(int(c) for c in str(2 ** 1000)))
