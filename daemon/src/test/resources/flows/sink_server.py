# Accepts TCP connections on HOST:PORT and reads each until the peer closes (one thread each).
import socket, sys, threading

def drain(conn):
    with conn:
        while conn.recv(65536):
            pass

srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind((sys.argv[1], int(sys.argv[2])))
srv.listen(512)
while True:
    c, _ = srv.accept()
    threading.Thread(target=drain, args=(c,), daemon=True).start()
