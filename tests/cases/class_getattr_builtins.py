# getattr, setattr, hasattr, delattr.
class Obj:
    cls_attr = "class level"
    def method(self):
        return "method called"
o = Obj()
setattr(o, "x", 1)
setattr(o, "with space", 2)
print(getattr(o, "x"), getattr(o, "with space"), getattr(o, "cls_attr"))
print(getattr(o, "missing", "default"), getattr(o, "method")())
print(hasattr(o, "x"), hasattr(o, "missing"), hasattr(Obj, "method"))
delattr(o, "x")
print(hasattr(o, "x"), sorted(vars(o)))
try:
    getattr(o, "missing")
except AttributeError as e:
    print("AttributeError:", e)
try:
    delattr(o, "missing")
except AttributeError as e:
    print("AttributeError:", e)
try:
    getattr(o, 5)
except TypeError as e:
    print("TypeError:", e)
for name in ["upper", "lower", "title"]:
    print(getattr("MiXed", name)())
setattr(Obj, "added", lambda self: "added later")
print(o.added())
