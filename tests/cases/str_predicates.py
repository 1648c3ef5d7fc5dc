# The is* predicates of str.
samples = ["abc", "ABC", "Abc", "abc123", "123", "12.5", "", " ", " \t\n", "\u00b2", "\u0663",
           "\u00bd", "Hello World", "hello world", "_id", "2fast", "class", "\u00e9t\u00e9", "a\x00"]
names = ["isalpha", "isdigit", "isdecimal", "isnumeric", "isalnum", "isspace",
         "isupper", "islower", "istitle", "isidentifier", "isprintable", "isascii"]
for s in samples:
    flags = "".join("1" if getattr(s, n)() else "0" for n in names)
    print(repr(s).ljust(16), flags)
print("Title Case Words".istitle(), "Not title Case".istitle(), "A1 B2".istitle())
print("UPPER1".isupper(), "1".isupper(), "lower ".islower())
