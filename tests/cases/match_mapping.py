# Mapping patterns.
def handle(event):
    match event:
        case {"type": "click", "pos": (x, y)}:
            return f"click at {x},{y}"
        case {"type": "key", "key": str(k), **rest}:
            return f"key {k} extra={rest}"
        case {"type": t}:
            return f"unknown type {t}"
        case {}:
            return "no type"
        case _:
            return "not a mapping"
for ev in [{"type": "click", "pos": (1, 2)}, {"type": "click", "pos": [3, 4], "extra": 1},
           {"type": "key", "key": "q", "mod": "ctrl", "t": 1}, {"type": "key", "key": 5},
           {"type": "scroll"}, {"other": 1}, {}, [("type", "click")]]:
    print(handle(ev))
match {"a": 1, "b": 2}:
    case {"a": 1, **others}:
        print("others:", others)
