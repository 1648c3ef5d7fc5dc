"""A small tour: classes, generators, comprehensions and formatting."""


class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        return self

    def __repr__(self):
        return f"Account({self.owner!r}, {self.balance})"


def primes(limit):
    sieve = [True] * (limit + 1)
    for n in range(2, limit + 1):
        if sieve[n]:
            yield n
            for m in range(n * n, limit + 1, n):
                sieve[m] = False


acct = Account("ada").deposit(50).deposit(25)
print(acct)
try:
    acct.deposit(-1)
except ValueError as e:
    print("refused:", e)
print("primes:", list(primes(50)))
squares = {n: n * n for n in range(1, 6)}
print("squares:", squares, "sum =", sum(squares.values()))
print("%-8s|%6.2f|" % ("pi", 3.14159), "{:>8}".format("right"))
