# str() and repr() of numbers and formatting them in containers.
nums = [0, -0, 7, -7, 10 ** 20, -(10 ** 20), 0.0, -0.0, 2.5, 1e16, 1e-7, 1 + 2j, -1j, True]
for n in nums:
    print(str(n), repr(n))
print(nums)
print(str(1.0), str(1), str(10.0 ** 15), str(10.0 ** 16))
print(str(123.0) + "|" + repr(123) + "|" + str(0.1 + 0.7))
print(len(str(2 ** 64)), str(-(2 ** 64))[:5])
print(int(str(10 ** 50)) == 10 ** 50, float(repr(0.1)) == 0.1)
print(str(0.1 + 0.2), repr(1 / 3), str(2 ** 0.5))
print(int("-0"), float("-0"), str(-0))
