# Methods, self, and bound method calls.
class Counter:
    def __init__(self, start=0):
        self.value = start
    def increment(self, by=1):
        self.value += by
        return self
    def get(self):
        return self.value
c = Counter()
c.increment().increment(5).increment()
print(c.get())
inc = c.increment
inc(100)
print(c.value)
print(Counter.increment(c, 1000).value)
print(Counter.get.__name__, inc.__name__, inc.__self__ is c, inc.__func__ is Counter.increment)
methods = [Counter(1).get, Counter(2).get]
print([m() for m in methods])
class Chain:
    def __init__(self):
        self.steps = []
    def step(self, name):
        self.steps.append(name)
        return self
print(Chain().step("a").step("b").steps)
