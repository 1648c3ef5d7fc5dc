# _string: the format-string parsing behind string.Formatter.
import _string

for s in ['a{{b', 'a}}b', 'a{0!r:>10}b', '{}', '{0:{1}x}', 'x{', 'x}', '{!}',
          '{0!r', '{0!rr}', '{0!}', '{a.b[c]}', '{:', '{0', '{0[}', '{0:{}',
          '}}', '{{', '', 'abc', '{0!r:}', '{[}', '{0[1]x}', '{0[:]}', '{a{b}',
          'x{0!r}y{1:{{}}}z', 'é{ü}€', '{0!', '{0!s:{1}{2}}', '{0}}']:
    try:
        print(repr(s), list(_string.formatter_parser(s)))
    except ValueError as e:
        print(repr(s), "ValueError:", e)

# Errors come when the bad part is reached.
it = _string.formatter_parser('ab{0}c{')
print(type(it).__name__, next(it))
try:
    next(it)
except ValueError as e:
    print("ValueError:", e)
print(iter(it) is it)

for s in ['a.b[c]', '0.x[1][y]', '', '[a]', 'a[', 'a[]', 'a.', 'a..b', 'a]b',
          '3', '0.1[2]', 'a[0]x', '-1', '1a', '01', ' 1', '[0]]', 'é.ü[€]']:
    try:
        first, rest = _string.formatter_field_name_split(s)
        print(repr(s), repr(first), type(rest).__name__, list(rest))
    except ValueError as e:
        print(repr(s), "ValueError:", e)

for bad in [(), (1,), ('a', 'b')]:
    try:
        _string.formatter_parser(*bad)
    except TypeError as e:
        print("TypeError:", e)
