# forker: connects to HOST:PORT, then forks while holding the socket. MODE "same": the child stays
# this program; MODE "exec": the child becomes /bin/sleep with the socket still open. The parent
# prints its local port, then sends SIZE bytes over about two seconds; both then exit.
import os, socket, sys, time

host, port, mode, size = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
s = socket.create_connection((host, port))
s.set_inheritable(True)
pid = os.fork()
if pid == 0:
    if mode == "exec":
        os.execv("/bin/sleep", ["sleep", "4"])
    time.sleep(4)
    os._exit(0)
print(s.getsockname()[1], flush=True)
time.sleep(0.5)
chunk = b"y" * (size // 20)
for _ in range(20):
    s.sendall(chunk)
    time.sleep(0.1)
time.sleep(1.0)
print("sent", size, flush=True)
s.close()
os.waitpid(pid, 0)
