# Uncaught AttributeError on an int: "'int' object has no attribute 'foo'".
n = 42
print("n is", n)
print("bit length:", n.bit_length())
print("real part:", n.real)
try:
    n.bar
except AttributeError as e:
    print("caught first:", e)
value = n.foo
print("never printed", value)
