# A custom iterable with a separate iterator class.
class Fib:
    def __init__(self, limit):
        self.limit = limit
    def __iter__(self):
        return FibIterator(self.limit)
class FibIterator:
    def __init__(self, limit):
        self.a, self.b = 0, 1
        self.limit = limit
    def __iter__(self):
        return self
    def __next__(self):
        if self.a > self.limit:
            raise StopIteration
        value = self.a
        self.a, self.b = self.b, self.a + self.b
        return value
f = Fib(100)
print(list(f))
print(list(f))
print(sum(f), max(f), 55 in f, 56 in f)
it = iter(f)
print(next(it), next(it), next(it), next(it))
print(list(zip(Fib(5), Fib(5))))
class LinkedList:
    def __init__(self, *values):
        self.head = None
        for v in reversed(values):
            self.head = (v, self.head)
    def __iter__(self):
        node = self.head
        while node:
            yield node[0]
            node = node[1]
print(list(LinkedList(1, 2, 3)), [x * 2 for x in LinkedList("a", "b")])
