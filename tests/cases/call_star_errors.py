# Errors from * and ** unpacking in calls.
def f(*args, **kwargs):
    return args, kwargs
for call in [lambda: f(*1), lambda: f(*None), lambda: f(**[("a", 1)]), lambda: f(**None),
             lambda: f(**{1: 2})]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
print(f(*"ab", **{"k": 1}))
class Mapping:
    def keys(self):
        return ["x", "y"]
    def __getitem__(self, k):
        return k.upper()
print(f(**Mapping()))
