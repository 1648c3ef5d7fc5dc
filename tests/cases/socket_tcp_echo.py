# A TCP client and server over 127.0.0.1 on an ephemeral port.
import socket, select

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print(srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
srv.bind(("127.0.0.1", 0))
srv.listen()
host, port = srv.getsockname()
print(host, 0 < port < 65536)
c = socket.create_connection(("127.0.0.1", port))
c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
s, addr = srv.accept()
print(addr[0], c.getpeername() == srv.getsockname(), s.getpeername() == c.getsockname())
print(s.family, s.type, s.gettimeout())
c.sendall(b"ping" * 10000)
got = b""
while len(got) < 40000:
    got += s.recv(65536)
print(len(got), got[:8])
s.sendall(b"pong")
print(c.recv(4))
# readiness through select, then end of stream after shutdown
c.send(b"more")
r, w, x = select.select([s], [s], [], 1.0)
print(r == [s], w == [s], x)
print(s.recv(10))
c.shutdown(socket.SHUT_WR)
print(s.recv(10))
f = s.makefile("rwb")
f.write(b"line one\nline two\n")
f.flush()
cf = c.makefile("rb")
print(cf.readline(), cf.readline())
f.close()
cf.close()
c.settimeout(0.1)
try:
    c.recv(1)
except TimeoutError as e:
    print("timed out:", e)
with c, s, srv:
    pass
print(c.fileno(), s.fileno(), srv.fileno())
refused = socket.socket()
print(refused.connect_ex(("127.0.0.1", port)) != 0)
refused.close()
