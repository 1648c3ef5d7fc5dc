import time
t = time.gmtime(1700000000)
print(t, t.tm_year, t[0], tuple(t))
print(time.strftime("%Y-%m-%d %H:%M:%S %a %b %j", t), time.asctime(t))
print(time.mktime(time.localtime(1700000000)) == 1700000000.0, type(time.time_ns()), time.strftime("%4Y") != "%4Y")
print(time.gmtime(0), time.struct_time)
