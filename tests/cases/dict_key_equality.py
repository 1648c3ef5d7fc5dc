# Keys that compare equal (and hash equal) are the same key.
d = {}
d[1] = "int"
d[1.0] = "float"
d[True] = "bool"
print(d, len(d))
d2 = {True: "a", 1: "b", 1.0: "c"}
print(d2)
d3 = {0: "zero", False: "false", 0.0: "float zero", -0.0: "neg"}
print(d3)
print(d[1], d[1.0], d[True], 1.0 in d, True in d, 2 in d)
e = {(1, 2): "t", "a": 1, 10 ** 20: "big", 10.0 ** 20: "bigf"}
print(e)
print(e[(1, 2)], e[100000000000000000000])
f = {1 + 0j: "c"}
print(f[1], f[1.0])
try:
    {[1]: 2}
except TypeError as e2:
    print("TypeError:", e2)
try:
    {}[{}] = 1
except TypeError as e2:
    print("TypeError:", e2)
