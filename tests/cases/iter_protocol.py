# What a for loop does, written out with iter() and next().
def manual_for(iterable, body):
    it = iter(iterable)
    while True:
        try:
            item = next(it)
        except StopIteration:
            break
        body(item)
manual_for([1, 2, 3], lambda x: print("item", x))
manual_for("ab", print)
manual_for({"k": 1, "j": 2}, print)
it = iter([10, 20, 30])
print(type(it).__name__, type(iter("")).__name__, type(iter({})).__name__, type(iter(range(1))).__name__)
for x in it:
    print("first loop", x)
    break
for x in it:
    print("second loop", x)
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print([x for x in Countdown(3)], *Countdown(2))
