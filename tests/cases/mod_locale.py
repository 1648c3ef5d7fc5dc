# _locale: the C library's locale (a UTF-8 environment, as the tests run).
import _locale

print(sorted(n for n in dir(_locale) if n.startswith("LC_")))
print(_locale.LC_ALL, _locale.LC_CTYPE, _locale.CODESET, _locale.CHAR_MAX)
print(_locale.Error, _locale.Error.__mro__)
print(_locale.nl_langinfo(_locale.CODESET), _locale.getencoding())
print(_locale.setlocale(_locale.LC_ALL, "C"))
print(_locale.setlocale(_locale.LC_NUMERIC))
print(_locale.localeconv())
for k in ['D_T_FMT', 'D_FMT', 'T_FMT', 'T_FMT_AMPM', 'AM_STR', 'PM_STR',
          'RADIXCHAR', 'THOUSEP', 'YESEXPR', 'NOEXPR', 'CRNCYSTR', 'ERA',
          'ALT_DIGITS', 'DAY_1', 'ABDAY_7', 'MON_1', 'ABMON_12']:
    print(k, repr(_locale.nl_langinfo(getattr(_locale, k))))
print(_locale.setlocale(_locale.LC_ALL, "POSIX"))
for args in [(_locale.LC_ALL, "xx_YY.nope"), (99, "C")]:
    try:
        _locale.setlocale(*args)
    except _locale.Error as e:
        print(type(e).__name__, e)
try:
    _locale.nl_langinfo(99999)
except ValueError as e:
    print("ValueError:", e)
try:
    raise _locale.Error("x")
except Exception as e:
    print(type(e), e)
print(_locale.strcoll("a", "b"), _locale.strcoll("b", "a"), _locale.strcoll("a", "a"))
print(_locale.strxfrm("abc"), _locale.gettext("msg"), _locale.dgettext(None, "m2"))
print(_locale.textdomain(None))
