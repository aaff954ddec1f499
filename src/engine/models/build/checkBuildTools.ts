import { findExecutable } from "../../util/findExecutable.js";

/** What compiling llama.cpp needs on PATH, and how to install what is missing. */
export interface BuildTools {
  ok: boolean;
  /** Found tools by role ("cmake", "c++ compiler", "git", "make/ninja") → path. */
  found: Record<string, string>;
  missing: string[];
  /** The install command for this platform, when something is missing. */
  hint: string;
}

/** Each role and the executables that fill it (first found wins). */
const ROLES: Array<[string, string[]]> = [
  ["cmake", ["cmake"]],
  ["c++ compiler", ["c++", "g++", "clang++"]],
  ["c compiler", ["cc", "gcc", "clang"]],
  ["git", ["git"]],
  ["make or ninja", ["ninja", "make"]],
];

/** How to install the toolchain here: by package manager on Linux, Xcode tools + Homebrew on macOS. */
export function installHint(platform: NodeJS.Platform = process.platform, find: (name: string) => string | null = findExecutable): string {
  if (platform === "darwin") return "xcode-select --install && brew install cmake";
  if (platform === "win32") return "install Visual Studio Build Tools (Desktop development with C++, which includes CMake) and Git";
  if (find("apt-get")) return "sudo apt-get install -y cmake g++ make git";
  if (find("dnf")) return "sudo dnf install -y cmake gcc-c++ make git";
  if (find("pacman")) return "sudo pacman -S --needed cmake gcc make git";
  if (find("apk")) return "sudo apk add cmake g++ make git";
  return "install cmake, a C/C++ compiler (g++ or clang++), make and git with your package manager";
}

/**
 * Check for cmake, a C and C++ compiler, git (node-llama-cpp clones llama.cpp from its bundled git
 * bundle) and a build tool — before node-llama-cpp would try to download a cmake of its own, which
 * fails offline and slowly.
 */
export function checkBuildTools(find: (name: string) => string | null = findExecutable, platform: NodeJS.Platform = process.platform): BuildTools {
  const exe = (n: string): string => (platform === "win32" ? `${n}.exe` : n);
  const found: Record<string, string> = {};
  const missing: string[] = [];
  for (const [role, names] of ROLES) {
    const hit = names.map((n) => find(exe(n))).find((p) => p);
    if (hit) found[role] = hit;
    else if (!(platform === "win32" && role !== "cmake" && role !== "git")) missing.push(role);
  }
  return { ok: missing.length === 0, found, missing, hint: missing.length ? installHint(platform, find) : "" };
}
