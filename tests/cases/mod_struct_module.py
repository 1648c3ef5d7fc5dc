# The pure-Python struct module over the native _struct.
import struct

print(struct.__all__)
print(struct.pack('>HhL', 1, -2, 3), struct.unpack('<3B', b'\x01\x02\x03'), struct.calcsize('@ci'))
s = struct.Struct('!4sH')
print(s.pack(b'molt', 8080), s.unpack(b'abcd\x1f\x90'), s.format, s.size)
buf = bytearray(8)
struct.pack_into('<2i', buf, 0, 10, -10)
print(buf, struct.unpack_from('<i', buf, 4), list(struct.iter_unpack('<i', buf)))
try:
    struct.pack('b', 200)
except struct.error as e:
    print('struct.error:', e)
try:
    struct.unpack('i', b'')
except struct.error as e:
    print('struct.error:', e)
print(struct.error is __import__('_struct').error, struct.Struct is __import__('_struct').Struct)
struct._clearcache()
struct.pack('>q', 2**63)
