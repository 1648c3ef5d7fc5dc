# __init__, __repr__ and __str__.
class Money:
    def __init__(self, amount, currency="EUR"):
        self.amount = amount
        self.currency = currency
    def __repr__(self):
        return f"Money({self.amount!r}, {self.currency!r})"
    def __str__(self):
        return f"{self.amount:.2f} {self.currency}"
m = Money(12.5)
print(m)
print(repr(m), str(m), f"{m}", f"{m!r}")
print([m, Money(3, "USD")])
print((m,), {"price": m})
class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"
print(OnlyRepr(), str(OnlyRepr()), [OnlyRepr()])
class OnlyStr:
    def __str__(self):
        return "only str"
print(OnlyStr(), "%s" % OnlyStr(), "{}".format(OnlyStr()))
class BadRepr:
    def __repr__(self):
        return 42
try:
    repr(BadRepr())
except TypeError as e:
    print("TypeError:", e)
