# The bulk application of the failover benchmark: one process that keeps a TCP connection to the
# sink busy (1 KB every 50 ms) and, when a block resets or refuses it, connects again every 100 ms
# with the same PID, so that it lives through every trial.
import socket
import sys
import time

target = (sys.argv[1], int(sys.argv[2]))
while True:
    try:
        with socket.create_connection(target, timeout=2) as s:
            while True:
                s.sendall(b"x" * 1024)
                time.sleep(0.05)
    except OSError:
        time.sleep(0.1)
