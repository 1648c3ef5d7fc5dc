# Substring membership tests.
s = "hello world"
print("hello" in s, "world" in s, "lo w" in s, "xyz" in s, "" in s, "" in "")
print("H" in s, "h" not in s, "d" not in s)
print("a" in "abc", "ac" in "abc", "abc" in "ab")
for word in ["cat", "dog", "bird"]:
    print(word, word in "the cat and the bird")
try:
    1 in "abc"
except TypeError as e:
    print("TypeError:", e)
print("\u00e9" in "caf\u00e9", "fe" in "caf\u00e9")
