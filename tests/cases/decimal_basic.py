# decimal (the pure-Python _pydecimal, whose contexts are context variables)
import decimal
from decimal import Decimal, localcontext, getcontext

print(Decimal("1.1") + Decimal("2.2"), Decimal(1) / Decimal(7))
with localcontext() as ctx:
    ctx.prec = 5
    print(Decimal(1) / Decimal(7), getcontext().prec)
print(getcontext().prec, Decimal("10").sqrt(), Decimal("0.1") * 3 == Decimal("0.3"))
print(round(Decimal("2.675"), 2), Decimal("1e3").to_integral(), Decimal(0.5))
try:
    Decimal(1) / Decimal(0)
except decimal.DivisionByZero as e:
    print(type(e).__name__)
