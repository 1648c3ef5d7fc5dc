# callable() on many kinds of objects.
class WithCall:
    def __call__(self):
        return "called"
class Plain:
    def method(self):
        pass
things = [("function", len), ("lambda", lambda: 0), ("class", Plain), ("instance", Plain()),
          ("callable instance", WithCall()), ("bound method", Plain().method),
          ("int", 5), ("str", "s"), ("type", type), ("None", None), ("builtin method", [].append),
          ("generator", (x for x in ())), ("str.upper", str.upper)]
for label, t in things:
    print(label.ljust(18), callable(t))
print(WithCall()())
