# str.count counts non-overlapping occurrences.
s = "abracadabra"
print(s.count("a"), s.count("abra"), s.count("z"), s.count(""))
print(s.count("a", 3), s.count("a", 3, 8), s.count("a", -4))
print("aaaa".count("aa"), "aaaaa".count("aa"), "".count(""), "".count("a"))
print("ab ab ab".count(" "), "\n\n".count("\n"))
text = "the quick brown fox jumps over the lazy dog the end"
print(text.count("the"), text.count("the "), text.split().count("the"))
vowels = {v: text.count(v) for v in "aeiou"}
print(vowels)
