# Opens RATE new TCP connections per second to HOST:PORT for SECONDS, each sending SIZE bytes.
# Prints the connections made and bytes sent.
import socket, sys, time

host, port, rate, seconds, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
payload = b"z" * size
start = time.monotonic()
n = 0
while True:
    now = time.monotonic() - start
    if now >= seconds:
        break
    due = int(now * rate)
    while n < due:
        s = socket.create_connection((host, port))
        s.sendall(payload)
        s.close()
        n += 1
    time.sleep(0.001)
print(n, n * size, flush=True)
