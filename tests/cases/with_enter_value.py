# The 'as' target gets __enter__'s return value, which can be anything.
class Opener:
    def __init__(self):
        self.lines = []
    def __enter__(self):
        return self.lines
    def __exit__(self, *exc):
        self.lines.append("closed")
o = Opener()
with o as lines:
    lines.append("written")
print(o.lines)
class Pair:
    def __enter__(self):
        return (1, 2)
    def __exit__(self, *exc):
        return None
with Pair() as (a, b):
    print(a + b)
class NoneEnter:
    def __enter__(self):
        pass
    def __exit__(self, *exc):
        pass
with NoneEnter() as v:
    print(v)
d = {}
with Pair() as d["key"]:
    pass
print(d)
class NotCM:
    pass
try:
    with NotCM():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__ + ":", e)
