# shortconn: opens COUNT connections to HOST:PORT one after another; each sends SIZE bytes and
# stays open about HOLD_MS. Prints the bytes sent in total.
import socket, sys, time

host, port, count, size, hold = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
payload = b"x" * size
total = 0
for _ in range(count):
    s = socket.create_connection((host, port))
    s.sendall(payload)
    total += size
    time.sleep(hold / 1000.0)
    s.close()
print(total, flush=True)
