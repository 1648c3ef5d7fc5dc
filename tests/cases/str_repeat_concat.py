# String concatenation and repetition.
a, b = "foo", "bar"
print(a + b, a + " " + b, a * 3, 3 * b, a * 0, repr(a * -2))
print("-" * 20)
print(("ab" + "cd") * 2, "ab" + "cd" * 2)
s = ""
for i in range(5):
    s += str(i)
print(s)
s *= 2
print(s)
print("x" * True, repr("x" * False))
print("hello" "world", "implicit" " " "concatenation")
try:
    "a" * 2.0
except TypeError as e:
    print("TypeError:", e)
try:
    "a" + 1
except TypeError as e:
    print("TypeError:", e)
try:
    "a" * "b"
except TypeError as e:
    print("TypeError:", e)
