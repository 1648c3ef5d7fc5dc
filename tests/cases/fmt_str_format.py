# str.format with positional, keyword, indexed and attribute fields.
print("{} {} {}".format(1, "two", 3.0))
print("{0} {1} {0}".format("a", "b"))
print("{name} is {age}".format(name="Bob", age=30))
print("{0[0]} {0[1]} {1[key]}".format([10, 20], {"key": "v"}))
class C:
    attr = "attribute"
print("{0.attr} {c.attr}".format(C(), c=C))
print("{:>8}|{:<8}|{:^8}|".format("r", "l", "c"))
print("{0:.3f} {0:10.1f} {0:e}".format(12.34567))
print("{:,} {:#x} {:08.3f}".format(1234567, 255, -3.14159))
print("{{}} {{{}}}".format("in braces"))
print("{!r} {!s}".format("x", "y"))
print("{:{w}.{p}f}".format(2.71828, w=10, p=2))
data = {"a": 1, "b": 2}
print("{a}+{b}".format(**data), "{a}-{b}".format_map(data))
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{missing}".format(x=1)
except KeyError as e:
    print("KeyError:", e)
try:
    "{0} {}".format(1, 2)
except ValueError as e:
    print("ValueError:", e)
