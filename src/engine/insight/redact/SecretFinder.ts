import { isPlaceholder, secretPatterns } from "./secretPatterns.js";
import { looksRandom } from "./shannonEntropy.js";

/** One secret-shaped span of a text. */
export interface SecretSpan {
  start: number;
  end: number;
  rule: string;
}

export interface SecretFinderOptions {
  /** Environment whose secret-named or random-looking values count as secrets. Defaults to none. */
  env?: Record<string, string | undefined>;
  /** Rules to leave out (tests use this to prove the re-scan catches what redaction missed). */
  skipRules?: string[];
}

type Secretlint = { lintSource: typeof import("@secretlint/core").lintSource; recommended: typeof import("@secretlint/secretlint-rule-preset-recommend").creator };
let secretlint: Promise<Secretlint> | undefined;
/** Loaded on first use: only exports need it, and it is not small. */
const loadSecretlint = (): Promise<Secretlint> =>
  (secretlint ??= Promise.all([import("@secretlint/core"), import("@secretlint/secretlint-rule-preset-recommend")]).then(([core, preset]) => ({ lintSource: core.lintSource, recommended: preset.creator })));

const SECRET_ENV_NAME = /KEY|TOKEN|SECRET|PASS|PWD|AUTH|CRED|PRIVATE|SESSION|COOKIE|DSN|DATABASE_URL|CONN/i;

/**
 * Finds secrets in text: secretlint's recommended preset (a maintained rule set: AWS, GCP, GitHub, npm, Slack,
 * SendGrid, private keys, basic auth, DB connection strings…), our patterns for what it skips, random-looking
 * tokens (entropy), and the values of secret environment variables. Runs offline.
 */
export class SecretFinder {
  private readonly envValues: string[];
  private readonly skip: Set<string>;

  constructor(options: SecretFinderOptions = {}) {
    this.skip = new Set(options.skipRules ?? []);
    this.envValues = Object.entries(options.env ?? {})
      .filter(([k, v]) => v && v.length >= 8 && (SECRET_ENV_NAME.test(k) || looksRandom(v)))
      .map(([, v]) => v!)
      .sort((a, b) => b.length - a.length);
  }

  async find(text: string, name = "file.txt"): Promise<SecretSpan[]> {
    const spans: SecretSpan[] = [];
    if (!this.skip.has("secretlint")) {
      const { lintSource, recommended } = await loadSecretlint();
      const r = await lintSource({
        source: { filePath: `/${name}`, content: text, contentType: "text", ext: name.includes(".") ? name.slice(name.lastIndexOf(".")) : "" },
        options: { config: { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }] } },
      });
      for (const m of r.messages) {
        const [start, end] = m.range;
        if (!isPlaceholder(text.slice(start, end))) spans.push({ start, end, rule: m.ruleId.replace(/^@secretlint\/secretlint-rule-/, "secretlint:") });
      }
    }
    for (const p of secretPatterns) {
      if (this.skip.has(p.rule)) continue;
      for (const m of text.matchAll(p.re)) {
        const value = p.group ? m[p.group] : m[0];
        if (value === undefined || isPlaceholder(value)) continue;
        const start = m.index + (p.group ? m[0].indexOf(value) : 0);
        spans.push({ start, end: start + value.length, rule: p.rule });
      }
    }
    if (!this.skip.has("entropy")) {
      for (const m of text.matchAll(/[A-Za-z0-9+_=-]{24,}/g)) if (looksRandom(m[0])) spans.push({ start: m.index, end: m.index + m[0].length, rule: "entropy" });
    }
    if (!this.skip.has("env-value")) {
      for (const v of this.envValues) {
        for (let i = text.indexOf(v); i >= 0; i = text.indexOf(v, i + v.length)) spans.push({ start: i, end: i + v.length, rule: "env-value" });
      }
    }
    return mergeSpans(spans);
  }
}

/** Overlapping spans become one (the first rule names it), sorted by start. */
function mergeSpans(spans: SecretSpan[]): SecretSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SecretSpan[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
