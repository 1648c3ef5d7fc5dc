# Arbitrary expressions inside f-strings.
data = {"name": "Ada", "langs": ["py", "rs"]}
nums = [3, 1, 2]
print(f"{data['name']} knows {len(data['langs'])} languages: {', '.join(data['langs'])}")
print(f"{sorted(nums)} {sum(nums) / len(nums):.2f} {max(nums) ** 2}")
print(f"{'yes' if nums else 'no'} {[n * n for n in nums]}")
print(f"{(lambda x: x + 1)(41)}")
print(f"{nums[0]:{nums[1]}}|")
print(f"{3 + 4j} {-5 % 3} {not nums}")
print(f"{data!r}")
print(f"{'a' 'b'} {{}} {'{'}")
x = 5
print(f"{x:>{x}}|{x:0{x}d}")
print(f"{(x := 7)} {x}")
print(f"{f'{x}' * 2}")
