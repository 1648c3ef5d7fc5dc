# Class-level state shared by all instances: ids, registries, caches.
class Widget:
    _next_id = 1
    registry = {}
    def __init__(self, name):
        self.id = Widget._next_id
        Widget._next_id += 1
        self.name = name
        Widget.registry[self.id] = self
    @classmethod
    def find(cls, wid):
        w = cls.registry.get(wid)
        return w.name if w else None
    def __repr__(self):
        return f"Widget#{self.id}({self.name})"
ws = [Widget(n) for n in ["button", "slider", "label"]]
print(ws, Widget._next_id)
print(Widget.find(2), Widget.find(9))
class Button(Widget):
    pass
b = Button("ok")
print(b, Widget.find(4), Button._next_id, len(Widget.registry))
print(sorted(Widget.registry))
