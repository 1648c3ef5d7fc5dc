# vars() and __dict__ of instances and classes.
class Config:
    debug = False
    def __init__(self, **kw):
        self.__dict__.update(kw)
    def show(self):
        return vars(self)
c = Config(host="localhost", port=8080)
print(vars(c), c.show(), c.__dict__ is vars(c))
c.__dict__["extra"] = True
print(c.extra, sorted(c.__dict__))
print("debug" in vars(Config), "show" in Config.__dict__, "host" in Config.__dict__)
print(sorted(k for k in vars(Config) if not k.startswith("__")))
try:
    vars(5)
except TypeError as e:
    print("TypeError:", e)
class Empty:
    pass
print(vars(Empty()))
