import binascii

def show(f):
    try:
        print(repr(f()))
    except binascii.Error as e:
        print('binascii.Error', e)
    except Exception as e:
        print(type(e).__name__, e)

data = [b'', b'a', b'ab', b'abc', b'abcd', b'\x00\xff\x10', bytes(range(256)), bytearray(b'hello world')]
for d in data:
    h = binascii.hexlify(d)
    print(h[:40], binascii.b2a_hex(d)[:40] == h, binascii.unhexlify(h) == bytes(d), binascii.a2b_hex(h.decode()) == bytes(d))
    b = binascii.b2a_base64(d)
    print(b[:60], binascii.b2a_base64(d, newline=False)[-4:], binascii.a2b_base64(b) == bytes(d))
    print(binascii.crc32(d), binascii.crc32(d, 12345), binascii.crc_hqx(d, 0), binascii.crc_hqx(d, 0xffff))
    if len(d) <= 45:
        u = binascii.b2a_uu(d)
        print(u, binascii.b2a_uu(d, backtick=True), binascii.a2b_uu(u) == bytes(d))
for sep, n in [('-', 1), (b':', 2), (' ', -2), ('_', 3), ('.', -3), ('|', 0), ('x', 100), ('é', 1)]:
    print(binascii.hexlify(b'\x01\x02\x03\x04\x05\x06\x07', sep, n), binascii.b2a_hex(b'\xaa\xbb', sep=sep, bytes_per_sep=n))
print(binascii.hexlify(b'abcdef', sep=':'))
show(lambda: binascii.hexlify(b'ab', '--'))
show(lambda: binascii.hexlify(b'ab', ''))
show(lambda: binascii.hexlify(b'ab', 1))
show(lambda: binascii.hexlify(b'ab', '\u1234'))
show(lambda: binascii.hexlify('ab'))
show(lambda: binascii.hexlify())
show(lambda: binascii.unhexlify(b'abc'))
show(lambda: binascii.unhexlify(b'zz'))
show(lambda: binascii.unhexlify('ABcd'))
show(lambda: binascii.unhexlify('é0'))
show(lambda: binascii.unhexlify(5))
show(lambda: binascii.a2b_hex(bytearray(b'0a')))
for s in [b'YWJj', b'YWJjZA==', b'YWJjZA=', b'YWJjZA', b'YWJjZ', b'YW\nJj\n', b'Y W J j', b'YWJjZA==YWJj', b'=YWJj', b'YWJj====',
          b'YW=Jj', b'YWJjZA===', b'!!!!', b'', b'YQ==', b'YQ=', b'YQ', b'Y', b'YWJjZGVmZ2hp\n', 'YWJj', b'YWJjZ=A=']:
    show(lambda: binascii.a2b_base64(s))
    show(lambda: binascii.a2b_base64(s, strict_mode=True))
show(lambda: binascii.a2b_base64('é'))
show(lambda: binascii.a2b_base64(5))
show(lambda: binascii.b2a_base64('abc'))
show(lambda: binascii.b2a_base64(b'abc', True))
show(lambda: binascii.crc32('abc'))
show(lambda: binascii.crc32(b'abc', -1))
show(lambda: binascii.crc32(b'abc', 2**40 + 5))
show(lambda: binascii.crc32(b'abc', 1.5))
show(lambda: binascii.crc_hqx(b'abc'))
show(lambda: binascii.crc_hqx(b'123456789', 0))
show(lambda: binascii.crc_hqx(b'123456789', 0x1d0f))
show(lambda: binascii.crc32(b'123456789'))
show(lambda: binascii.b2a_uu(b'x' * 46))
show(lambda: binascii.a2b_uu(b''))
show(lambda: binascii.a2b_uu(b'\n'))
show(lambda: binascii.a2b_uu(b'#86)C\n'))
show(lambda: binascii.a2b_uu('#86)C'))
show(lambda: binascii.a2b_uu(b'#86)C  \n'))
show(lambda: binascii.a2b_uu(b'#86)Cxx\n'))
show(lambda: binascii.a2b_uu(b'#8\x016)C\n'))
show(lambda: binascii.a2b_uu(b'$86)C'))
show(lambda: binascii.a2b_uu(b'`'))
qp = [b'hello world', b'a=b', b'caf\xc3\xa9', b'line one \nline two\t\n', b'x' * 100, b'.\n.', b'tab\there',
      b'end with space ', b'end with tab\t', b'crlf\r\nline\r\n', b'under_score and space', b'\x00\x01\x7f', b'=' * 30,
      b'a' * 74 + b'=', b'a' * 75 + b'\n' + b'b' * 80, b'.']
for d in qp:
    print(binascii.b2a_qp(d), binascii.b2a_qp(d, quotetabs=True), binascii.b2a_qp(d, istext=False), binascii.b2a_qp(d, header=True))
    print(binascii.a2b_qp(binascii.b2a_qp(d)) == d)
for s in [b'a=3Db', b'a=3db', b'soft=\nbreak', b'soft=\r\nbreak', b'x=\r\r\ny', b'bad=zz', b'==', b'end=', b'a_b', b'=4', 'caf=C3=A9']:
    print(binascii.a2b_qp(s), binascii.a2b_qp(s, header=True))
show(lambda: binascii.a2b_qp(5))
print(binascii.Error.__mro__, binascii.Incomplete.__mro__)
print(issubclass(binascii.Error, ValueError), binascii.Error.__module__)
