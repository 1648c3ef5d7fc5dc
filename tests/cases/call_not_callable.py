# Calling non-callable objects.
things = [5, "str", [1], None, (1, 2), {"a": 1}, 2.5]
for t in things:
    try:
        t()
    except TypeError as e:
        print("TypeError:", e)
class NoCall:
    pass
try:
    NoCall()()
except TypeError as e:
    print("TypeError:", e)
class WithCall:
    def __call__(self, x):
        return x * 2
print(WithCall()(21), callable(WithCall()), callable(NoCall()), callable(NoCall))
x = 3
try:
    x(4)
except TypeError as e:
    print("TypeError:", e)
