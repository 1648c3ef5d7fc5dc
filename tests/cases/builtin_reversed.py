# reversed on sequences and objects with __reversed__.
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed((1, 2))), list(reversed(range(4))))
d = {"a": 1, "b": 2, "c": 3}
print(list(reversed(d)), list(reversed(d.items())))
class Countdown:
    def __init__(self, n):
        self.n = n
    def __reversed__(self):
        return iter(range(1, self.n + 1))
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return self.n - i
print(list(reversed(Countdown(3))), list(Countdown(3)))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return "xyz"[i]
print(list(reversed(Seq())))
r = reversed([10, 20])
print(next(r), next(r), next(r, "stop"))
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError:", e)
try:
    reversed(x for x in "ab")
except TypeError as e:
    print("TypeError:", e)
