# Triple-quoted strings, implicit concatenation and continuation lines.
a = """line one
  line two
line three"""
print(a)
print(len(a.splitlines()), repr(a[:10]))
b = '''single 'quotes' and "double" inside'''
print(b)
c = ("implicit "
     "concatenation "
     'across lines')
print(c)
d = "backslash \
continuation"
print(d)
e = """\
no leading newline
"""
print(repr(e))
f = """ends with quote\""""
print(f)
g = """tabs\tand\\escapes\n"""
print(repr(g))
