# Raw string literals keep backslashes.
print(r"c:\new\table", len(r"\n"), r"\n" == "\\n")
print(r"\d+\.\d*", r'\'', len(r'\''))
print(repr(r"\x41"), repr(r"\u00e9"), repr(r"a\\b"))
print(rb"\x00" == b"\\x00", Rb"\n", BR"\t")
print(R"UPPER\R", r"""multi
line \n raw""")
print(r"trailing\\"[-2:], fr"{1 + 1}\n")
path = r"C:\Users\name\Documents"
print(path.split("\\"))
