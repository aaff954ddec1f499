/**
 * Secret shapes checked on top of secretlint's recommended preset (which skips some: AWS key ids without
 * their secret, bare JWTs, unterminated PEM blocks). Each names its rule for the manifest's counts.
 * `group`: replace only that capture group (the value), keeping the key name readable.
 */
export interface SecretPattern {
  rule: string;
  re: RegExp;
  group?: number;
}

export const secretPatterns: SecretPattern[] = [
  { rule: "private-key", re: /-----BEGIN[ A-Z0-9]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END[ A-Z0-9]*PRIVATE KEY( BLOCK)?-----|$)/g },
  { rule: "aws-access-key-id", re: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  { rule: "github-token", re: /\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { rule: "jwt", re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { rule: "slack-token", re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { rule: "api-key", re: /\b(?:sk|rk|pk)-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/g },
  { rule: "google-api-key", re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { rule: "url-password", re: /\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s:/@"'`]+:([^\s@/"'`]+)@/g, group: 1 },
  {
    rule: "assigned-secret",
    re: /(?:secret|password|passwd|pwd|token|api[_-]?key|access[_-]?key|auth[_-]?key|private[_-]?key|client[_-]?secret|credentials?)["']?\s*[:=]\s*["']?([^\s"',;`]{6,})/gi,
    group: 1,
  },
];

const PLACEHOLDER = /^(?:\[REDACTED[^\]]*\]|<[a-z-]+>|x+|\*+|\$\{?[A-Z_]+\}?|process\.env\.[A-Za-z_]+|os\.environ.*|changeme|example|null|undefined|true|false|none)$/i;

/** A value that is obviously not a secret (an earlier redaction, a placeholder, an env reference). */
export function isPlaceholder(v: string): boolean {
  return PLACEHOLDER.test(v) || v.includes("[REDACTED");
}
