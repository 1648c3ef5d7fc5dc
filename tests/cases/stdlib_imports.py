# Modules of CPython's own library running on molt.
import os, re, collections, functools, enum, typing, dataclasses, inspect
import traceback, unittest, json, argparse, random, hashlib, struct, base64
import codecs, string, locale, bisect, heapq, textwrap

print(os.path.join("a", "b"), os.path.splitext("x.tar.gz"), os.sep)
print(re.findall(r"\d+", "a1b22c333"), re.sub(r"(\w)(\w)", r"\2\1", "abcd"))
print(collections.Counter("abracadabra").most_common(2), collections.OrderedDict(a=1))
Point = collections.namedtuple("Point", "x y")
print(Point(1, 2), Point(1, 2)._replace(y=5))
print(functools.reduce(lambda a, b: a * b, range(1, 6)), functools.partial(int, base=2)("101"))

@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60))

class Color(enum.Enum):
    RED = 1
    GREEN = 2
print(Color.RED, Color(2), list(Color), Color.RED.name)

print(dataclasses.is_dataclass(Color), type(dataclasses.MISSING).__name__)
print(typing.List[int], typing.Optional[str])
print(json.dumps({"a": [1, 2, {"b": None}]}, sort_keys=True), json.loads('{"x": [1, 2.5, "s"]}'))
p = argparse.ArgumentParser(prog="t")
p.add_argument("--n", type=int, default=3)
print(p.parse_args(["--n", "5"]).n)
random.seed(7)
print(random.randint(1, 1000), random.choice("xyz"), round(random.random(), 6))
print(hashlib.md5(b"abc").hexdigest(), struct.pack("<hI", 1, 2), base64.b64encode(b"molt"))
print(string.Template("$a-$b").substitute(a=1, b=2), bisect.bisect([1, 3, 5], 4), heapq.nsmallest(2, [5, 1, 4]))
print(textwrap.wrap("the quick brown fox jumps over the lazy dog", 12))
print(codecs.encode("hi", "utf-16-le"), inspect.isfunction(fib.__wrapped__))

class T(unittest.TestCase):
    def test_ok(self):
        self.assertEqual(1 + 1, 2)
    def test_fail(self):
        self.assertIn(3, [1, 2])

result = unittest.TestResult()
unittest.defaultTestLoader.loadTestsFromTestCase(T).run(result)
print(result.testsRun, len(result.failures), len(result.errors))
try:
    1 / 0
except ZeroDivisionError:
    print(traceback.format_exc().splitlines()[-1])
