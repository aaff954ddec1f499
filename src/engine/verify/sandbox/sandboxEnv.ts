import path from "node:path";

const SAFE_PATH = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

/**
 * The whole environment a test run sees: nothing inherited (no tokens, no SSH agent, no proxies), a PATH of
 * system folders plus Node's own folder and `extraPath`, HOME pointing at the (empty, private) home.
 */
export function sandboxEnv(home: string, extraPath: string[] = [], extra: Record<string, string> = {}): Record<string, string> {
  const dirs = [...extraPath, path.dirname(process.execPath), ...SAFE_PATH];
  return {
    PATH: [...new Set(dirs)].join(":"),
    HOME: home,
    TMPDIR: "/tmp",
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    TERM: "dumb",
    CI: "true",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
    PYTHONDONTWRITEBYTECODE: "1",
    PYTHONUNBUFFERED: "1",
    USER: "sandbox",
    ...extra,
  };
}
