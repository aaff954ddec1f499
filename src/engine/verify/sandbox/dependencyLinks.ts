import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isInside } from "../paths/isInside.js";

/** A top-level symlink of the project that points at its dependencies elsewhere (pnpm/workspace `node_modules`, a shared `.venv`). */
export interface DependencyLink {
  name: string;
  /** Real path of the target folder when the link was first seen. */
  target: string;
}

/** The only link names whose targets may be shown (read-only) inside the sandbox. */
export const DEPENDENCY_LINK_NAMES = ["node_modules", ".venv", "venv", ".tox", "vendor"];

/** Session folders in the host's temp folder (agent sockets, X, D-Bus, systemd private tmp): never shown. */
const SESSION_TMP = /^(ssh-|gpg-|systemd-private-|\.X|\.ICE|\.font-unix|pulse-|tmux-|dbus-|snap-private|keyring-|cc-desktop-home-)/;

/** Folders a link must never expose, even read-only: the sandbox hides them (or they are the host's live state). */
const NEVER_INSIDE = ["/root", "/run", "/var/run", "/proc", "/sys", "/dev", "/etc/ssh", "/etc/ssl/private", "/var/lib/docker", "/var/tmp"];

/**
 * Allowlisted top-level dependency links of `project` whose targets are safe to show: a real folder outside the
 * project that is not `/`, not a home folder or an ancestor of one, not the host's temp folder (in it, not a
 * session folder of ssh-agent, X, D-Bus or systemd), and
 * not inside /root, /run, /proc, /sys, /dev or other hidden places. Call it *before* any test ran and keep the
 * result: a link created by a test must never change what the next run sees.
 */
export function findDependencyLinks(project: string, homes: string[] = [os.homedir()]): DependencyLink[] {
  const out: DependencyLink[] = [];
  for (const name of DEPENDENCY_LINK_NAMES) {
    const link = path.join(project, name);
    try {
      if (!fs.lstatSync(link).isSymbolicLink()) continue;
      const target = fs.realpathSync(link);
      if (fs.statSync(target).isDirectory() && isSafeTarget(target, project, homes)) out.push({ name, target });
    } catch {
      // missing or dangling: nothing to show
    }
  }
  return out;
}

/** Whether a dependency link's target may be mounted read-only in the sandbox. */
export function isSafeTarget(target: string, project: string, homes: string[]): boolean {
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return p;
    }
  };
  if (target === "/" || target === project || isInside(project, target) || isInside(target, project)) return false;
  const hostTmp = real(os.tmpdir());
  if (target === hostTmp || isInside(target, hostTmp)) return false;
  // Inside the host's temp folder (a checkout can live there, CI clones do) as inside a home: a folder recorded
  // before any test ran, but never the session folders of agents, X, D-Bus or systemd.
  if (isInside(hostTmp, target) && SESSION_TMP.test(path.relative(hostTmp, target).split(path.sep)[0]!)) return false;
  for (const h of homes.map(real)) if (target === h || isInside(target, h) || isInside(path.join(h, ".ssh"), target)) return false;
  for (const d of NEVER_INSIDE) if (target === d || isInside(d, target) || isInside(target, d)) return false;
  // Secret dot-folders directly under a home (~/.ssh, ~/.gnupg, ~/.aws, …) are never dependencies.
  for (const h of homes.map(real)) {
    const rel = path.relative(h, target);
    if (!rel.startsWith("..") && !path.isAbsolute(rel) && /^\.(ssh|gnupg|aws|azure|kube|docker|config|password-store|netrc|local\/share\/keyrings)(\/|$)/.test(rel)) return false;
  }
  return true;
}

/**
 * Targets of the trusted links that still point where they pointed when trusted. A link that now points
 * elsewhere (or appeared later) is not shown, and a note says so.
 */
export function trustedLinkTargets(project: string, trusted: DependencyLink[], notes: string[]): string[] {
  const out: string[] = [];
  const trustedNames = new Set(trusted.map((t) => t.name));
  for (const t of trusted) {
    let now: string | null = null;
    try {
      if (fs.lstatSync(path.join(project, t.name)).isSymbolicLink()) now = fs.realpathSync(path.join(project, t.name));
    } catch {
      now = null;
    }
    if (now === t.target) out.push(t.target);
    else if (now !== null) notes.push(`${t.name} points elsewhere than when it was first seen; its target is not shown (accept test changes to trust it again)`);
  }
  for (const name of DEPENDENCY_LINK_NAMES) {
    if (trustedNames.has(name)) continue;
    if (fs.lstatSync(path.join(project, name), { throwIfNoEntry: false })?.isSymbolicLink()) notes.push(`${name} is a symlink that was not there before the first test run (or points somewhere hidden); its target is not shown`);
  }
  return out;
}
