package io.cuttle.daemon.flows.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls the netlink and namespace code needs; every call throws on a -1 return. */
interface LibC extends Library {
  LibC INSTANCE = Native.load("c", LibC.class);

  int AF_NETLINK = 16;
  int SOCK_RAW = 3;
  int SOCK_CLOEXEC = 0x80000;
  int NETLINK_SOCK_DIAG = 4;
  int SOL_SOCKET = 1;
  int SO_RCVBUF = 8;
  int SO_RCVBUFFORCE = 33;
  int SOL_NETLINK = 270;
  int NETLINK_NO_ENOBUFS = 5;
  int CLONE_NEWNET = 0x40000000;
  int O_RDONLY = 0;
  int O_CLOEXEC = 0x80000;

  int socket(int domain, int type, int protocol) throws LastErrorException;

  int bind(int fd, byte[] addr, int len) throws LastErrorException;

  int setsockopt(int fd, int level, int name, int[] value, int len) throws LastErrorException;

  long send(int fd, byte[] buf, long len, int flags) throws LastErrorException;

  long recv(int fd, byte[] buf, long len, int flags) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  int open(String path, int flags) throws LastErrorException;

  int setns(int fd, int nstype) throws LastErrorException;

  long syscall(long number) throws LastErrorException;

  int setpriority(int which, int who, int prio) throws LastErrorException;
}
