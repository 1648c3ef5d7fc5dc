# NameError messages.
try:
    print(undefined_name)
except NameError as e:
    print("NameError:", e)
def f():
    return also_undefined + 1
try:
    f()
except NameError as e:
    print("NameError:", e)
value = 1
del value
try:
    value
except NameError as e:
    print("NameError:", e)
try:
    del never_defined
except NameError as e:
    print("NameError:", e)
try:
    pritn("typo")
except NameError as e:
    print("NameError:", e, "| name attr:", e.name)
print(isinstance(NameError("x"), Exception))
