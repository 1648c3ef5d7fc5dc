# __setattr__ and __delattr__ hooks.
class Frozen:
    def __init__(self, **kw):
        for k, v in kw.items():
            object.__setattr__(self, k, v)
    def __setattr__(self, name, value):
        raise AttributeError(f"cannot set {name!r}: frozen")
    def __delattr__(self, name):
        raise AttributeError(f"cannot delete {name!r}: frozen")
f = Frozen(a=1, b=2)
print(f.a, f.b)
try:
    f.a = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    del f.b
except AttributeError as e:
    print("AttributeError:", e)
class Tracked:
    def __init__(self):
        self.changes = []
        self.x = 0
    def __setattr__(self, name, value):
        if name != "changes":
            self.changes.append((name, value))
        super().__setattr__(name, value)
t = Tracked()
t.x = 5
t.y = "new"
print(t.changes, t.x, t.y)
