# Library code that walks frames: warnings' stacklevel, logging's caller,
# unittest's failure reports (which trim its own frames by f_globals).
import warnings, logging, sys, io
def f():
    warnings.warn("careful", UserWarning, stacklevel=2)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    f()
    print(w[0].lineno, w[0].filename.rsplit("/",1)[-1], w[0].message)
buf = io.StringIO()
logging.basicConfig(stream=buf, format="%(funcName)s:%(lineno)d:%(module)s:%(message)s", level=logging.INFO)
def g():
    logging.info("hello")
g()
logging.getLogger("x").warning("top")
print(buf.getvalue(), end="")
import unittest, io, sys
class T(unittest.TestCase):
    def test_a(self):
        self.assertEqual(1, 2)
    def test_b(self):
        raise KeyError("k")
    def test_c(self):
        pass
buf = io.StringIO()
r = unittest.TextTestRunner(stream=buf, verbosity=0).run(unittest.defaultTestLoader.loadTestsFromTestCase(T))
import re
print(re.sub(r'File ".*/', 'File "', re.sub(r"Ran 3 tests in .*s", "Ran 3 tests", buf.getvalue())))
