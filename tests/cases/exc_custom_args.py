# Exception args, str() and repr() with zero, one and several arguments.
class E(Exception):
    pass
for exc in [E(), E("one"), E("a", 2), E(None), E(""), E(1, [2], {"k": 3})]:
    print(repr(exc), "|", str(exc), "|", exc.args)
class WithStr(Exception):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
    def __str__(self):
        return f"[{self.code}] {self.args[1]}"
w = WithStr(404, "not found")
print(str(w), repr(w), w.args, w.code)
class NoSuperInit(Exception):
    def __init__(self, x):
        self.x = x
n = NoSuperInit(5)
print(n.args, repr(n), n.x)
e = E("mutable")
e.args = ("changed",)
print(e)
