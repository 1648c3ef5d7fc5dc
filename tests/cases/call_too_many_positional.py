# TypeError messages for too many positional arguments.
def none():
    pass
def one(a):
    pass
def with_default(a, b=2):
    pass
def kwonly(a, *, b):
    pass
attempts = [
    lambda: none(1),
    lambda: one(1, 2),
    lambda: one(1, 2, 3),
    lambda: with_default(1, 2, 3),
    lambda: kwonly(1, 2),
    lambda: kwonly(1, 2, b=3),
    lambda: (lambda: 0)(1),
]
for attempt in attempts:
    try:
        attempt()
    except TypeError as e:
        print("TypeError:", e)
class K:
    def m(self):
        pass
    @staticmethod
    def s(x):
        pass
for call in [lambda: K().m(1), lambda: K.s(1, 2), lambda: K(1)]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
