# A peekable iterator wrapper built on a generator and a class.
class Peekable:
    _missing = object()
    def __init__(self, iterable):
        self._it = iter(iterable)
        self._buf = []
    def __iter__(self):
        return self
    def __next__(self):
        if self._buf:
            return self._buf.pop()
        return next(self._it)
    def peek(self, default=None):
        if not self._buf:
            try:
                self._buf.append(next(self._it))
            except StopIteration:
                return default
        return self._buf[-1]
p = Peekable(x * 10 for x in range(4))
print(p.peek(), p.peek(), next(p), p.peek(), list(p), p.peek("end"))
def tokens(text):
    p = Peekable(text)
    while p.peek() is not None:
        c = next(p)
        if c.isdigit():
            num = c
            while p.peek() is not None and p.peek().isdigit():
                num += next(p)
            yield ("NUM", int(num))
        elif c.isspace():
            continue
        else:
            yield ("OP", c)
print(list(tokens("12 + 345*6")))
