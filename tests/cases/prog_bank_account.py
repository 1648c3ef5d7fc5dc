# A small bank-account model with validation and a transaction log.
class InsufficientFunds(Exception):
    pass
class Account:
    _next_number = 1000
    def __init__(self, owner, balance=0):
        if balance < 0:
            raise ValueError("initial balance cannot be negative")
        self.owner = owner
        self.balance = balance
        self.number = Account._next_number
        Account._next_number += 1
        self.history = [("open", balance)]
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError(f"invalid deposit amount: {amount}")
        self.balance += amount
        self.history.append(("deposit", amount))
        return self.balance
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(f"{self.owner} has {self.balance}, needs {amount}")
        self.balance -= amount
        self.history.append(("withdraw", amount))
        return self.balance
    def transfer(self, other, amount):
        self.withdraw(amount)
        other.deposit(amount)
        self.history.append(("transfer out", amount))
        other.history.append(("transfer in", amount))
    def __repr__(self):
        return f"Account(#{self.number}, {self.owner!r}, balance={self.balance})"
alice = Account("alice", 100)
bob = Account("bob")
print(alice, bob)
print(alice.deposit(50), alice.withdraw(30))
alice.transfer(bob, 70)
print(alice, bob)
for action in [lambda: bob.withdraw(500), lambda: bob.deposit(-5), lambda: Account("eve", -1)]:
    try:
        action()
    except (InsufficientFunds, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(alice.history)
print(bob.history)
print(sum(a.balance for a in [alice, bob]))
