# __len__ and __bool__ drive len() and truthiness.
class Box:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
b0, b3 = Box(0), Box(3)
print(len(b0), len(b3), bool(b0), bool(b3), "full" if b3 else "empty")
class Flag:
    def __init__(self, on):
        self.on = on
    def __bool__(self):
        return self.on
    def __len__(self):
        return 99
print(bool(Flag(False)), bool(Flag(True)), len(Flag(False)))
print(not Flag(False), [x for x in [Flag(True), Flag(False)] if x].__len__())
class BadLen:
    def __len__(self):
        return -1
try:
    len(BadLen())
except ValueError as e:
    print("ValueError:", e)
class StrLen:
    def __len__(self):
        return "3"
try:
    len(StrLen())
except TypeError as e:
    print("TypeError:", e)
class BadBool:
    def __bool__(self):
        return 1
try:
    bool(BadBool())
except TypeError as e:
    print("TypeError:", e)
