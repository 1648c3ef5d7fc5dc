# An uncaught user-defined exception with a message.
class InventoryError(Exception):
    pass
stock = {"apple": 3}
def take(item, n):
    if stock.get(item, 0) < n:
        raise InventoryError(f"not enough {item}: have {stock.get(item, 0)}, need {n}")
    stock[item] -= n
    return stock[item]
print("left:", take("apple", 2))
print("left:", take("apple", 2))
print("never printed")
