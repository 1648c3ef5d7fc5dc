import _struct as struct

def show(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__, e)

for fmt in ['b', 'B', '?', 'h', 'H', 'i', 'I', 'l', 'L', 'q', 'Q', 'n', 'N', 'P', 'e', 'f', 'd',
            'c', 's', '5s', 'p', '5p', 'x', '3x', 'bi', 'ib', '@bi', '=bi', '<bi', '>bi', '!bi',
            'bq', 'b0q', 'hhi', '?d', 'c3xi', '2h5sd', ' i  h ', '0s', '0i', '10Q', 'xxxh']:
    print(fmt, struct.calcsize(fmt), struct.Struct(fmt).size)
for order in ['@', '=', '<', '>', '!']:
    for fmt in 'bBhHiIlLqQ':
        for v in [0, 1, -1, 100, 127]:
            if fmt in 'BHILQ' and v < 0:
                continue
            p = struct.pack(order + fmt, v)
            print(order + fmt, v, p, struct.unpack(order + fmt, p))
    for fmt in 'efd':
        for v in [0.0, -0.0, 1.5, -2.25, 1e-5, 65504.0, 3.141592653589793, float('inf'), float('-inf')]:
            p = struct.pack(order + fmt, v)
            print(order + fmt, v, p, struct.unpack(order + fmt, p))
    p = struct.pack(order + 'd', float('nan'))
    print(struct.unpack(order + 'd', p))
print(struct.pack('<Q', 2**64 - 1), struct.unpack('<Q', b'\xff' * 8))
print(struct.pack('<q', -2**63), struct.unpack('<q', b'\x00' * 7 + b'\x80'))
print(struct.pack('>I', 2**32 - 1), struct.pack('>i', -2**31))
print(struct.pack('e', 1e-7), struct.pack('e', 6e-8), struct.pack('e', 2.0**-24), struct.pack('e', 65519.0))
print(struct.unpack('<e', b'\x01\x00'), struct.unpack('<e', b'\x00\x7c'), struct.unpack('<e', b'\xff\x7b'))
print(struct.pack('f', 1e300), struct.pack('<f', 0.1), struct.unpack('<f', struct.pack('<f', 0.1)))
print(struct.pack('?', 0), struct.pack('?', []), struct.pack('?', 'x'), struct.unpack('??', b'\x00\x07'))
print(struct.pack('c', b'x'), struct.unpack('c', b'y'))
print(struct.pack('5s', b'ab'), struct.pack('2s', b'abcdef'), struct.pack('s', bytearray(b'q')))
print(struct.pack('5p', b'ab'), struct.pack('3p', b'abcdef'), struct.unpack('5p', b'\x02abcd'), struct.unpack('3p', b'\x09abc'[:3]))
print(struct.pack('300p', b'x' * 400)[:3], len(struct.pack('300p', b'x' * 400)))
print(struct.pack('@bi', 1, 2), struct.pack('=bi', 1, 2), struct.pack('>bhq', 1, 2, 3))
print(struct.pack('@b0q', 1), struct.pack('@hbq', 1, 2, 3))
print(struct.unpack('@bi', struct.pack('@bi', -5, 123456)))
print(struct.pack('3h', 1, 2, 3), struct.unpack('3h2s', b'\x01\x00\x02\x00\x03\x00zz'))

class Idx:
    def __index__(self):
        return 42
print(struct.pack('i', Idx()), struct.pack('<Q', True), struct.pack('d', 3), struct.pack('f', Idx()))

s = struct.Struct('<hi')
print(s.format, s.size, s.pack(1, 2), s.unpack(b'\x01\x00\x02\x00\x00\x00'))
print(struct.Struct(b'>h').format, struct.Struct(b'>h').pack(258))
print(s.unpack_from(b'xx\x01\x00\x02\x00\x00\x00', 2), s.unpack_from(buffer=b'\x01\x00\x02\x00\x00\x00yy'))
print(s.unpack_from(b'\x01\x00\x02\x00\x00\x00\x03\x00\x04\x00\x00\x00', offset=-6))
print(list(s.iter_unpack(b'\x01\x00\x02\x00\x00\x00\x03\x00\x04\x00\x00\x00')))
it = struct.iter_unpack('<h', b'\x01\x00\x02\x00\x03\x00')
print(it.__length_hint__(), next(it), it.__length_hint__(), list(it), it.__length_hint__())
print(type(it).__name__, iter(it) is it)
b = bytearray(10)
struct.pack_into('<hi', b, 2, 7, -1)
print(b)
s.pack_into(b, -6, 9, 9)
print(b)
struct.pack_into('<h', b, 0, 0x4142)
print(b, struct.unpack_from('<i', b, 2), struct.unpack_from('<h', bytes(b)))
print(struct.unpack('<i', bytearray(b'\x01\x02\x03\x04')))

class MyStruct(struct.Struct):
    def __init__(self, fmt, extra):
        super().__init__(fmt)
        self.extra = extra
m = MyStruct('>H', 'hello')
print(m.pack(513), m.extra, m.size, isinstance(m, struct.Struct))
print(type(struct.Struct('i')), struct.Struct.__module__, struct.error, struct.error.__mro__)
struct._clearcache()
print(struct.calcsize('i'), struct.pack('i', 5))
for fmt in ['i' * 200]:
    print(struct.calcsize(fmt))
print(repr(struct.Struct('i'))[:24])
