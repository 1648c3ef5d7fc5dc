# Error messages from list operations.
a = [1, 2, 3]
ops = [
    lambda: a[3],
    lambda: a[-4],
    lambda: a.pop(5),
    lambda: [].pop(),
    lambda: a.remove(9),
    lambda: a.index(9),
    lambda: a["x"],
    lambda: a[1.5],
    lambda: a.__setitem__(10, 0),
    lambda: [3, "x"].sort(),
    lambda: a + None,
    lambda: hash(a),
    lambda: {a: 1},
]
for op in ops:
    try:
        op()
        print("no error")
    except Exception as e:
        print(type(e).__name__ + ":", e)
