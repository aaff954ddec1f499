import { SecretFinder, type SecretFinderOptions } from "./SecretFinder.js";

export interface RedactorOptions extends SecretFinderOptions {
  /** The run's project folder: paths inside become relative. */
  projectDir?: string;
  homeDir: string;
  userName: string;
  hostName: string;
  dataDir: string;
}

/** User names too common to identify anyone; replacing them would mangle ordinary words. */
const GENERIC_USERS = new Set(["root", "user", "admin", "runner", "ubuntu", "node", "app", "test"]);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Redacts one text for a bundle: secrets (see SecretFinder), then identifying context — project and home
 * paths (→ relative / `~`), the user and host names, e-mail addresses, private IP addresses. Counts each
 * replacement by rule for the manifest. `scan` reports what is left (the re-scan of the finished zip).
 */
export class Redactor {
  readonly finder: SecretFinder;
  readonly counts: Record<string, number> = {};
  private readonly context: Array<{ rule: string; re: RegExp; to: string }>;

  constructor(private readonly options: RedactorOptions) {
    this.finder = new SecretFinder(options);
    const ctx: Array<{ rule: string; re: RegExp; to: string }> = [];
    if (options.projectDir) ctx.push({ rule: "project-path", re: new RegExp(`${escape(options.projectDir.replace(/\/+$/, ""))}(/|\\b)`, "g"), to: "./" });
    ctx.push({ rule: "data-path", re: new RegExp(`${escape(options.dataDir.replace(/\/+$/, ""))}\\b`, "g"), to: "<data>" });
    if (options.homeDir.length > 1) ctx.push({ rule: "home-path", re: new RegExp(`${escape(options.homeDir.replace(/\/+$/, ""))}\\b`, "g"), to: "~" });
    ctx.push({ rule: "home-path", re: /(?:\/home\/|\/Users\/|[A-Za-z]:\\Users\\)[^/\\\s"'`]+/g, to: "~" });
    if (options.userName.length >= 3 && !GENERIC_USERS.has(options.userName.toLowerCase())) ctx.push({ rule: "user-name", re: new RegExp(`\\b${escape(options.userName)}\\b`, "gi"), to: "<user>" });
    if (options.hostName.length >= 3 && options.hostName !== "localhost") ctx.push({ rule: "host-name", re: new RegExp(`\\b${escape(options.hostName)}\\b`, "gi"), to: "<host>" });
    ctx.push({ rule: "email", re: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g, to: "<email>" });
    ctx.push({ rule: "private-ip", re: /\b(?:10\.\d{1,3}|192\.168|172\.(?:1[6-9]|2\d|3[01]))\.\d{1,3}\.\d{1,3}\b/g, to: "<private-ip>" });
    this.context = ctx;
  }

  private count(rule: string, n = 1): void {
    this.counts[rule] = (this.counts[rule] ?? 0) + n;
  }

  /** The text with every secret and identifying detail replaced. */
  async redact(text: string, name?: string): Promise<string> {
    let out = text;
    const spans = await this.finder.find(out, name);
    for (const s of [...spans].reverse()) {
      out = `${out.slice(0, s.start)}[REDACTED:${s.rule}]${out.slice(s.end)}`;
      this.count(s.rule);
    }
    return this.redactContext(out);
  }

  private redactContext(text: string): string {
    let out = text;
    for (const c of this.context) {
      out = out.replace(c.re, () => {
        this.count(c.rule);
        return c.to;
      });
    }
    return out;
  }

  /**
   * A JSON value with every string (and object key) redacted, so the result is still valid JSON. The strings
   * are scanned together in one pass (secretlint per string would be slow), spans mapped back to each.
   */
  async redactValue(v: unknown, name?: string): Promise<unknown> {
    const strings: string[] = [];
    const collect = (x: unknown): void => {
      if (typeof x === "string") strings.push(x);
      else if (Array.isArray(x)) x.forEach(collect);
      else if (x && typeof x === "object") {
        for (const [k, y] of Object.entries(x)) {
          strings.push(k);
          collect(y);
        }
      }
    };
    collect(v);
    const SEP = "\n\u0000\n";
    const joined = strings.join(SEP);
    const spans = await this.finder.find(joined, name);
    const out: string[] = [];
    let offset = 0;
    let si = 0;
    for (const str of strings) {
      const end = offset + str.length;
      let text = str;
      // Spans inside this string, replaced from the end so earlier offsets stay valid.
      const mine = [];
      while (si < spans.length && spans[si]!.start < end) mine.push(spans[si++]!);
      if (si > 0 && spans[si - 1]!.end > end) si--; // a span crossing into the next string is applied there too
      for (const sp of mine.reverse()) {
        const a = Math.max(sp.start, offset) - offset;
        const b = Math.min(sp.end, end) - offset;
        if (b <= a) continue;
        text = `${text.slice(0, a)}[REDACTED:${sp.rule}]${text.slice(b)}`;
        this.count(sp.rule);
      }
      out.push(this.redactContext(text));
      offset = end + SEP.length;
    }
    let i = 0;
    const rebuild = (x: unknown): unknown => {
      if (typeof x === "string") return out[i++];
      if (Array.isArray(x)) return x.map(rebuild);
      if (x && typeof x === "object") {
        const o: Record<string, unknown> = {};
        for (const [, y] of Object.entries(x)) {
          const k = out[i++]!;
          o[k] = rebuild(y);
        }
        return o;
      }
      return x;
    };
    return rebuild(v);
  }

  /** Secrets and identifying details still present (empty when clean). */
  async scan(text: string, name?: string): Promise<Array<{ rule: string; at: number }>> {
    const found = (await this.finder.find(text, name)).map((s) => ({ rule: s.rule, at: s.start }));
    for (const c of this.context) {
      if (c.rule === "project-path" || c.rule === "data-path") continue;
      for (const m of text.matchAll(c.re)) found.push({ rule: c.rule, at: m.index });
    }
    return found;
  }

  get homeDir(): string {
    return this.options.homeDir;
  }
}
