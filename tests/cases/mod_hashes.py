# The builtin hash modules hashlib falls back to: digests, copy, errors.
import _md5
import _sha1
import _sha256
import _sha512
import _sha3
import _blake2


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


ctors = [_md5.md5, _sha1.sha1, _sha256.sha224, _sha256.sha256, _sha512.sha384,
         _sha512.sha512, _sha3.sha3_224, _sha3.sha3_256, _sha3.sha3_384,
         _sha3.sha3_512, _blake2.blake2b, _blake2.blake2s]
inputs = [b'', b'abc', b'The quick brown fox jumps over the lazy dog',
          bytes(range(256)) * 5, bytearray(b'x' * 1000)]
for c in ctors:
    h = c()
    print(type(h), h.name, h.digest_size, h.block_size)
    for data in inputs:
        print(' ', c(data).hexdigest())
    # update in pieces, copy, digest repeatable
    h = c(b'ab')
    h2 = h.copy()
    h.update(b'c')
    print(' ', h.hexdigest() == c(b'abc').hexdigest(), h2.hexdigest() == c(b'ab').hexdigest())
    print(' ', h.digest() == bytes.fromhex(h.hexdigest()), h.digest() == h.digest(), type(h2))
    big = c()
    for i in range(300):
        big.update(bytes([i % 256]) * i)
    print(' ', big.hexdigest())

for c in [_sha3.shake_128, _sha3.shake_256]:
    h = c(b'abc')
    print(type(h), h.name, h.digest_size, h.block_size, h._capacity_bits, h._rate_bits, h._suffix)
    print(' ', h.hexdigest(0), h.hexdigest(10), h.digest(5), len(h.digest(1000)))
    h2 = h.copy()
    h.update(b'def')
    print(' ', h.hexdigest(32) == c(b'abcdef').hexdigest(32), h2.hexdigest(16))
for c in [_sha3.sha3_224, _sha3.sha3_512]:
    h = c()
    print(h._capacity_bits, h._rate_bits, h._suffix)

print(_md5.md5(string=b'x').hexdigest())
print(_md5.md5(b'a', usedforsecurity=False).hexdigest())
print(_sha3.sha3_256(b'x', usedforsecurity=False).hexdigest())
print(_md5.MD5Type, _sha1.SHA1Type, _sha256.SHA224Type, _sha256.SHA256Type, _sha512.SHA384Type)
print(_sha3.implementation, _sha3.keccakopt)

# BLAKE2 parameters.
print(_blake2.blake2b(b'a', digest_size=10, key=b'k', salt=b's', person=b'p').hexdigest())
print(_blake2.blake2s(b'a', digest_size=10, key=b'k', salt=b's', person=b'p').hexdigest())
print(_blake2.blake2b(b'a', fanout=2, depth=3, leaf_size=4, node_offset=5, node_depth=6, inner_size=7, last_node=True).hexdigest())
print(_blake2.blake2s(b'a', fanout=2, depth=3, leaf_size=4, node_offset=5, node_depth=6, inner_size=7, last_node=True).hexdigest())
print(_blake2.blake2b(key=b'k' * 64).hexdigest())
print(_blake2.blake2s(key=bytearray(b'k' * 32), salt=b'12345678', person=b'abcdefgh').hexdigest())
print(_blake2.blake2b(node_offset=2**64 - 1).hexdigest())
print(_blake2.blake2b(b'x', digest_size=10).digest_size, _blake2.blake2b(b'x', digest_size=10).copy().digest_size)
print(_blake2.blake2b.MAX_DIGEST_SIZE, _blake2.blake2s.SALT_SIZE, _blake2.blake2s.PERSON_SIZE, _blake2.blake2s.MAX_KEY_SIZE)
print(_blake2.BLAKE2B_MAX_DIGEST_SIZE, _blake2.BLAKE2S_SALT_SIZE, _blake2.BLAKE2B_PERSON_SIZE, _blake2.BLAKE2S_MAX_KEY_SIZE)

# Errors.
t(lambda: _md5.md5(data=b'x'))
t(lambda: _md5.md5('x'))
t(lambda: _md5.md5(1))
t(lambda: _md5.md5(None))
t(lambda: _md5.md5(b'a', b'b'))
t(lambda: _md5.md5(foo=1))
t(lambda: _md5.md5().update('x'))
t(lambda: _md5.md5().update(1))
t(lambda: _md5.md5().update())
t(lambda: _md5.md5().update(b'a', b'b'))
t(lambda: _md5.md5().update(data=b'a'))
t(lambda: _md5.md5().digest(1))
t(lambda: _md5.MD5Type())
t(lambda: _sha256.sha256().copy(1))
t(lambda: _sha3.sha3_256(None))
t(lambda: _sha3.sha3_256('x'))
t(lambda: _sha3.sha3_256(data=b'x'))
t(lambda: _sha3.sha3_256(b'a', b'b'))
t(lambda: _sha3.sha3_256().update())
t(lambda: _sha3.sha3_256().digest(1))
t(lambda: _sha3.shake_128(b'a').digest())
t(lambda: _sha3.shake_128(b'a').digest(-1))
t(lambda: _sha3.shake_128(b'a').hexdigest(length=10))
t(lambda: _sha3.shake_128(b'a').digest(1.0))
t(lambda: _sha3.shake_128(b'a').digest(2**70))
t(lambda: _sha3.shake_256().digest(2**29))
t(lambda: _sha3.shake_256().update(1, 2))
t(lambda: _sha3.sha3_256.__new__(int))
t(lambda: _sha3.sha3_256.update(_sha3.sha3_224(), b''))
t(lambda: _sha3.sha3_256.update(1, b''))
t(lambda: _md5.MD5Type.digest(1))
t(lambda: _md5.MD5Type.name.__get__(1))
t(lambda: setattr(_md5.md5(), 'x', 1))
t(lambda: _blake2.blake2b(None))
t(lambda: _blake2.blake2b('x'))
t(lambda: _blake2.blake2b(data=b'x'))
t(lambda: _blake2.blake2b(b'a', b'b'))
t(lambda: _blake2.blake2b(digest_size=0))
t(lambda: _blake2.blake2b(digest_size=65))
t(lambda: _blake2.blake2s(digest_size=33))
t(lambda: _blake2.blake2b(key=b'x' * 65))
t(lambda: _blake2.blake2s(key=b'1' * 33))
t(lambda: _blake2.blake2b(salt=b'x' * 17))
t(lambda: _blake2.blake2b(person=b'x' * 17))
t(lambda: _blake2.blake2s(salt=b'x' * 9))
t(lambda: _blake2.blake2s(person=b'1' * 9))
t(lambda: _blake2.blake2b(fanout=256))
t(lambda: _blake2.blake2b(depth=0))
t(lambda: _blake2.blake2b(leaf_size=-1))
t(lambda: _blake2.blake2b(node_offset=-1))
t(lambda: _blake2.blake2b(node_depth=256))
t(lambda: _blake2.blake2b(inner_size=65))
t(lambda: _blake2.blake2s(inner_size=33))
t(lambda: _blake2.blake2b(key='x'))
t(lambda: _blake2.blake2s(node_offset=2**48))
t(lambda: _blake2.blake2b(leaf_size=2**32))
t(lambda: _blake2.blake2b('x', digest_size=0))
t(lambda: _blake2.blake2b(node_offset=2**64))
t(lambda: _blake2.blake2b(leaf_size=1.0))
t(lambda: _blake2.blake2b(fanout=1.0))
t(lambda: _blake2.blake2b(fanout=2**70))
t(lambda: _blake2.blake2b(digest_size=-1))
t(lambda: _blake2.blake2b().update())
t(lambda: _blake2.blake2b().digest(1))
t(lambda: _blake2.blake2b.__new__(int))
for c in [_md5.MD5Type, _sha1.SHA1Type, _sha256.SHA256Type, _sha3.sha3_256, _sha3.shake_128, _blake2.blake2s]:
    t(lambda: type('S', (c,), {}))
