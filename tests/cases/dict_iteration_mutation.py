# Mutating a dict during iteration.
d = {i: i * i for i in range(5)}
try:
    for k in d:
        if k == 2:
            d[100] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
d = {i: i * i for i in range(5)}
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print("RuntimeError:", e)
d = {i: i * i for i in range(5)}
for k in list(d):
    if k % 2:
        del d[k]
print(d)
for k in d:
    d[k] = -d[k]
print(d)
for k, v in list(d.items()):
    d[str(k)] = v
print(d)
