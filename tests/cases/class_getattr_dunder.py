# __getattr__ is called only for missing attributes; __getattribute__ for all.
class Proxy:
    def __init__(self, target):
        self._target = target
        self.hits = 0
    def __getattr__(self, name):
        if name.startswith("secret"):
            raise AttributeError(f"no access to {name!r}")
        return getattr(self._target, name)
p = Proxy([3, 1, 2])
p.append(0)
print(p._target, p.count(1), p.hits)
try:
    p.secret_key
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(p, "secret_x"), hasattr(p, "sort"))
class Dynamic:
    def __getattr__(self, name):
        return name.upper() * 2
d = Dynamic()
d.real = "real value"
print(d.real, d.anything, getattr(d, "xy"))
class Logged:
    def __init__(self):
        self.value = 1
    def __getattribute__(self, name):
        if name != "__dict__":
            print("  get", name)
        return object.__getattribute__(self, name)
l = Logged()
print(l.value)
