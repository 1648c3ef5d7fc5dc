# __getitem__, __setitem__ and __delitem__, including slices.
class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}
    def __getitem__(self, key):
        if isinstance(key, tuple):
            x, y = key
            if not (0 <= x < self.w and 0 <= y < self.h):
                raise IndexError(f"cell {key} out of range")
            return self.cells.get(key, ".")
        raise TypeError("need (x, y)")
    def __setitem__(self, key, value):
        self.cells[key] = value
    def __delitem__(self, key):
        del self.cells[key]
g = Grid(3, 2)
g[0, 0] = "#"
g[2, 1] = "@"
for y in range(2):
    print("".join(g[x, y] for x in range(3)))
del g[0, 0]
print(g[0, 0], sorted(g.cells))
try:
    g[5, 5]
except IndexError as e:
    print("IndexError:", e)
class SliceShow:
    def __getitem__(self, key):
        return key
s = SliceShow()
print(s[1], s[1:2], s[::3], s[1:2, 3], s[...], s["k"])
