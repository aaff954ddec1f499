import type { DoctorCheck } from "../../shared/contract/system.js";
import type { EngineContext } from "../EngineContext.js";
import type { Feature } from "../Feature.js";
import { parseAnswer } from "./answer/parseAnswer.js";
import { resolveProject } from "./resolveProject.js";
import { CgroupJail } from "./sandbox/CgroupJail.js";
import { detectRunner } from "./testing/detectRunner.js";
import { systemPython } from "./validate/pythonCompileCheck.js";
import { VerifyService } from "./VerifyService.js";

/**
 * Validation, reading AI answers, safe apply + undo, sandboxed test runs and reward. Journals of applies
 * interrupted by a crash are repaired when the feature starts.
 */
export function createVerifyFeature(ctx: EngineContext): Feature {
  const svc = new VerifyService(ctx);
  try {
    svc.recover();
  } catch (e) {
    ctx.logger.error({ err: (e as Error).message }, "verify: journal recovery failed");
  }
  return {
    handlers: {
      "verify.parseAnswer": async ({ text, expectedFile }) => parseAnswer(text, { expectedFile }),
      "verify.validate": async ({ project, files }, { signal }) => ({ findings: await svc.validate(files, project ? resolveProject(project) : undefined, signal) }),
      "verify.plan": async (input, { signal }) => svc.plan(input, signal),
      "verify.getPlan": async ({ planId }) => svc.store.getPlan(planId),
      "verify.apply": async (input) => svc.apply(input),
      "verify.undo": async (input) => svc.undo(input),
      "verify.history": async ({ project, limit }) => ({ applies: svc.store.listApplies(project ? resolveProject(project) : undefined, limit ?? 50) }),
      "verify.detect": async ({ project }) => {
        const spec = detectRunner(resolveProject(project));
        return spec ? { runner: spec.runner, command: spec.command, reason: spec.reason } : { runner: null, command: null, reason: "no test runner recognised (give a custom command)" };
      },
      "verify.sandboxStatus": async ({ project }, { signal }) => {
        const p = await svc.probe(signal);
        return { available: p.available, bwrap: p.bwrap, detail: p.detail, consented: project ? svc.store.hasConsent(resolveProject(project)) : false };
      },
      "verify.consent": async ({ project, grant }) => {
        const real = resolveProject(project);
        svc.store.setConsent(real, grant);
        if (grant) ctx.notify({ level: "warn", title: "Unsandboxed test runs allowed", message: `Tests of ${real} may now run without a sandbox, with your full rights.` });
        return { consented: grant };
      },
      "verify.kpis": async ({ project }) => svc.store.kpis(project ? resolveProject(project) : undefined),
    },
    runs: {
      "verify.test": async (input, run) => {
        const i = input;
        run.setTitle(`Tests: ${i.project}`);
        const r = await svc.test(i, run.runId, { signal: run.signal, progress: run.progress, output: (c) => run.data("output", c) });
        run.setTitle(`Tests (${r.runner}): ${r.summary.passed}/${r.summary.passed + r.summary.failed + r.summary.errors} passed, reward ${r.reward.reward}`);
        run.progress(1, "done");
        return r;
      },
    },
    doctor: async (signal) => doctorChecks(svc, signal),
  };
}

async function doctorChecks(svc: VerifyService, signal: AbortSignal): Promise<DoctorCheck[]> {
  const p = await svc.probe(signal);
  const checks: DoctorCheck[] = [];
  checks.push(
    p.available
      ? { id: "verify.sandbox", title: "Test sandbox", status: "ok", detail: p.detail }
      : {
          id: "verify.sandbox",
          title: "Test sandbox",
          status: "warn",
          detail: `${p.detail}. Project tests would run unsandboxed, only after you consent per project.`,
          fix:
            process.platform !== "linux"
              ? "No sandbox exists for this OS yet: run untrusted code in a VM or container (see docs/verify.md)."
              : p.bwrap
                ? "Allow unprivileged user namespaces: `sudo sysctl kernel.unprivileged_userns_clone=1` (Debian) or `sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0` (Ubuntu 24.04+)."
                : "Install bubblewrap: `sudo apt install bubblewrap` (Debian/Ubuntu), `sudo dnf install bubblewrap` (Fedora), `sudo pacman -S bubblewrap` (Arch).",
        },
  );
  if (p.available && process.getuid?.() === 0) {
    const jail = CgroupJail.create(64, 64 * 1024 * 1024);
    checks.push(
      jail
        ? { id: "verify.process-cap", title: "Sandbox process cap", status: "ok", detail: "running as root: processes and memory are capped by a cgroup" }
        : { id: "verify.process-cap", title: "Sandbox process cap", status: "warn", detail: "running as root without a writable cgroup: a fork bomb in tests is only stopped by the timeout", fix: "Run CodeConductor as a normal user (RLIMIT_NPROC then caps processes), or give it a writable cgroup." },
    );
    await jail?.dispose();
    checks.push(
      p.setpriv
        ? { id: "verify.root-uid", title: "Sandbox identity", status: "ok", detail: `running as root: tests run as host uid 65534 (nobody) through ${p.setpriv}, in a scratch copy` }
        : { id: "verify.root-uid", title: "Sandbox identity", status: "fail", detail: "running as root without setpriv: sandboxed test runs are refused (they would run as host root)", fix: "Install util-linux (setpriv), or run CodeConductor as a normal user." },
    );
  }
  if (!p.prlimit) checks.push({ id: "verify.prlimit", title: "Resource limits", status: "warn", detail: "prlimit (util-linux) not found: memory and process caps are off", fix: "Install util-linux." });
  const py = systemPython();
  checks.push(py ? { id: "verify.python", title: "Python compile check", status: "ok", detail: py } : { id: "verify.python", title: "Python compile check", status: "skip", detail: "python3 not found; tree-sitter still checks Python syntax" });
  return checks;
}
