package io.cuttle.enforce.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The parts of libnftables (the library behind the {@code nft} command) and libc the adapter calls. */
final class LibNftables {
  private LibNftables() {}

  /** libnftables.so.1: contexts that parse and run nft scripts over their own netlink socket. */
  interface Nft extends Library {
    int NFT_CTX_DEFAULT = 0;

    Pointer nft_ctx_new(int flags);

    void nft_ctx_free(Pointer ctx);

    int nft_ctx_buffer_output(Pointer ctx);

    int nft_ctx_buffer_error(Pointer ctx);

    String nft_ctx_get_error_buffer(Pointer ctx);

    void nft_ctx_set_dry_run(Pointer ctx, boolean dry);

    int nft_run_cmd_from_buffer(Pointer ctx, String buf);
  }

  /** libc: entering a network namespace from a thread. */
  interface C extends Library {
    int O_RDONLY = 0;
    int O_CLOEXEC = 0x80000;
    int CLONE_NEWNET = 0x40000000;

    int open(String path, int flags) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  /** Loads both libraries; throws {@link UnsatisfiedLinkError} (or another {@link LinkageError}) if one is missing. */
  static Nft nft() {
    return Native.load("libnftables.so.1", Nft.class);
  }

  static C c() {
    return Native.load("c", C.class);
  }
}
