# Uncaught ZeroDivisionError: exit status 1, traceback on stderr.
def ratio(a, b):
    return a / b
print("computing ratios")
print(ratio(10, 4))
print(ratio(-3, 2))
try:
    ratio(1, 0)
except ZeroDivisionError:
    print("caught the first one")
print(ratio(1, 0))
print("never printed")
