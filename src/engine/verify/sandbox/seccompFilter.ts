// Classic-BPF seccomp program handed to bubblewrap (--seccomp FD): refuse socket(AF_UNIX, …) with EPERM.
// Unix sockets are the one way out of a network namespace to host services (docker.sock, D-Bus, X11, ssh-agent);
// socketpair() stays allowed, so pipes and IPC between a runner and its workers keep working.

const BPF_LD_W_ABS = 0x20;
const BPF_JEQ_K = 0x15;
const BPF_JGE_K = 0x35;
const BPF_RET_K = 0x06;
const RET_ALLOW = 0x7fff0000;
const RET_EPERM = 0x00050000 | 1;
const AF_UNIX = 1;

interface Arch {
  audit: number;
  socketNr: number;
  /** x32 syscalls carry this bit on x86_64; deny them all rather than filter them twice. */
  x32Bit?: number;
}

const ARCHES: Partial<Record<string, Arch>> = {
  x64: { audit: 0xc000003e, socketNr: 41, x32Bit: 0x40000000 },
  arm64: { audit: 0xc00000b7, socketNr: 198 },
};

/** The filter for this CPU, or null where none is built (the sandbox then relies on the hidden /run only). */
export function seccompFilter(arch: string = process.arch): Buffer | null {
  const a = ARCHES[arch];
  if (!a) return null;
  // [code, jt, jf, k]; jumps are relative to the next instruction.
  const prog: Array<[number, number, number, number]> = [
    [BPF_LD_W_ABS, 0, 0, 4], // seccomp_data.arch
    [BPF_JEQ_K, 1, 0, a.audit],
    [BPF_RET_K, 0, 0, RET_EPERM], // foreign ABI (e.g. i386 via int 0x80): refuse
    [BPF_LD_W_ABS, 0, 0, 0], // seccomp_data.nr
    [BPF_JGE_K, 0, 1, a.x32Bit ?? 0xffffffff],
    [BPF_RET_K, 0, 0, RET_EPERM],
    [BPF_JEQ_K, 0, 3, a.socketNr],
    [BPF_LD_W_ABS, 0, 0, 16], // args[0] low 32 bits (little-endian)
    [BPF_JEQ_K, 0, 1, AF_UNIX],
    [BPF_RET_K, 0, 0, RET_EPERM],
    [BPF_RET_K, 0, 0, RET_ALLOW],
  ];
  const buf = Buffer.alloc(prog.length * 8);
  prog.forEach(([code, jt, jf, k], i) => {
    buf.writeUInt16LE(code, i * 8);
    buf.writeUInt8(jt, i * 8 + 2);
    buf.writeUInt8(jf, i * 8 + 3);
    buf.writeUInt32LE(k >>> 0, i * 8 + 4);
  });
  return buf;
}
