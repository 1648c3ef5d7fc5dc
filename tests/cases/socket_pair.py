# socketpair, timeouts, blocking modes, addresses and the conversion helpers.
import socket

a, b = socket.socketpair()
print(a.family, a.type, a.proto, type(a).__name__)
a.sendall(b"hello")
print(b.recv(10))
buf = bytearray(8)
a.send(b"xyz")
print(b.recv_into(buf), buf)
mv = memoryview(buf)
a.send(b"12")
print(b.recv_into(mv[2:]), buf)
print(b.gettimeout(), b.getblocking())
b.settimeout(0.05)
print(b.gettimeout(), b.getblocking())
try:
    b.recv(1)
except socket.timeout as e:
    print("timeout", type(e).__name__, e, socket.timeout is TimeoutError)
b.setblocking(False)
try:
    b.recv(1)
except BlockingIOError as e:
    print("would block", e.errno)
print(b.gettimeout(), b.getblocking())
a.close()
print(a.fileno(), a._closed)
print(b.recv(5))
b.close()
for bad in ["x", -1]:
    try:
        socket.socket().settimeout(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
s = socket.socket()
try:
    s.connect(("127.0.0.1", 70000))
except OverflowError as e:
    print("OverflowError", e)
try:
    s.connect("x")
except TypeError as e:
    print("TypeError", e)
try:
    s.recv(-1)
except ValueError as e:
    print("ValueError", e)
s.close()
try:
    s.recv(1)
except OSError as e:
    print("closed:", e)

print(socket.inet_aton("127.1"), socket.inet_aton("10.0.0.1"))
print(socket.inet_ntoa(b"\x7f\0\0\1"))
print(socket.inet_pton(socket.AF_INET6, "::1"), socket.inet_pton(socket.AF_INET, "1.2.3.4"))
print(socket.inet_ntop(socket.AF_INET6, b"\0" * 15 + b"\1"), socket.inet_ntop(socket.AF_INET6, bytes(range(16))))
for f, arg in [(socket.inet_aton, "1.2.3.x"), (socket.inet_ntoa, b"123")]:
    try:
        f(arg)
    except OSError as e:
        print("OSError", e)
print(socket.htons(1), socket.ntohs(256), socket.htonl(1), socket.ntohl(16777216))
for f, arg in [(socket.htons, -1), (socket.htons, 70000), (socket.htonl, 2**32)]:
    try:
        f(arg)
    except OverflowError as e:
        print("OverflowError", e)
print(socket.getdefaulttimeout(), socket.has_ipv6)
socket.setdefaulttimeout(2.5)
s = socket.socket()
print(s.gettimeout(), s.getblocking())
s.close()
socket.setdefaulttimeout(None)
print(socket.getaddrinfo("127.0.0.1", 80, type=socket.SOCK_STREAM))
print(socket.getaddrinfo("::1", "80", socket.AF_INET6, socket.SOCK_DGRAM))
print(socket.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
print(socket.gethostbyname("127.0.0.1"), isinstance(socket.gethostname(), str))
try:
    socket.getaddrinfo("nonexistent.invalid", 80)
except socket.gaierror as e:
    print("gaierror", isinstance(e, OSError))
u = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
u.bind(b"\0molt-test-abstract-socket")
print(u.getsockname())
u.close()
d1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
d1.bind(("127.0.0.1", 0))
d2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
d2.sendto(b"dgram", d1.getsockname())
data, frm = d1.recvfrom(100)
print(data, frm[0], frm[1] == d2.getsockname()[1])
d2.sendto(b"into", d1.getsockname())
buf = bytearray(10)
n, frm = d1.recvfrom_into(buf)
print(n, buf[:n])
d1.close()
d2.close()
