# Lexicographic comparison of strings.
print("a" < "b", "a" < "B", "Z" < "a", "abc" < "abd", "ab" < "abc", "" < "a")
print("apple" > "Apple", "10" < "9", "abc" == "abc", "abc" != "ABC")
print("\u00e9" > "z", "a" <= "a", "b" >= "c")
words = ["banana", "Apple", "cherry", "apple", "Banana", "10", "9", ""]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len))
print(max(words), min(words), max(words, key=len))
print("abc" < "abcd" < "abd")
try:
    "a" < 1
except TypeError as e:
    print("TypeError:", e)
print("a" == 1, "1" == 1)
