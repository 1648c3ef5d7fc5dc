# TypeError messages for missing arguments.
def one(a):
    pass
def two(a, b):
    pass
def three(a, b, c=3, *, d, e):
    pass
attempts = [
    lambda: one(),
    lambda: two(1),
    lambda: two(),
    lambda: two(b=2),
    lambda: three(1, 2),
    lambda: three(1, 2, d=4),
    lambda: three(d=1, e=2),
    lambda: three(),
]
for attempt in attempts:
    try:
        attempt()
    except TypeError as e:
        print("TypeError:", e)
class K:
    def method(self, x, y):
        pass
try:
    K().method(1)
except TypeError as e:
    print("TypeError:", e)
try:
    K.method(1, 2)
except TypeError as e:
    print("TypeError:", e)
