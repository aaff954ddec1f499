import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { isAllowedExternalUrl } from "./isAllowedExternalUrl.js";
import { isTrustedUrl } from "./isTrustedUrl.js";

const renderer = path.resolve("/opt/CodeConductor/resources/app/out/renderer");

describe("isTrustedUrl (IPC sender check)", () => {
  it("trusts the renderer's own files only, compared as resolved paths", () => {
    expect(isTrustedUrl(pathToFileURL(path.join(renderer, "index.html")).href, renderer)).toBe(true);
    expect(isTrustedUrl(pathToFileURL(path.join(renderer, "assets/x.js")).href, renderer)).toBe(true);
    // A sibling folder that merely starts with the same string passed the old prefix check.
    expect(isTrustedUrl(pathToFileURL(`${renderer}-x/index.html`).href, renderer)).toBe(false);
    expect(isTrustedUrl(`file://${renderer}/../evil/index.html`, renderer)).toBe(false);
    expect(isTrustedUrl(`file://${renderer}/%2e%2e/evil/index.html`, renderer)).toBe(false);
    expect(isTrustedUrl(pathToFileURL(renderer).href, renderer)).toBe(false);
    expect(isTrustedUrl("file://evil-host/opt/CodeConductor/resources/app/out/renderer/index.html", renderer)).toBe(false);
    expect(isTrustedUrl("https://example.com/index.html", renderer)).toBe(false);
    expect(isTrustedUrl("not a url", renderer)).toBe(false);
  });

  it("in development trusts the dev server's origin only", () => {
    const dev = "http://localhost:5173";
    expect(isTrustedUrl("http://localhost:5173/index.html", renderer, dev)).toBe(true);
    expect(isTrustedUrl("http://localhost:51730/index.html", renderer, dev)).toBe(false);
    expect(isTrustedUrl("http://localhost:5173.evil.com/", renderer, dev)).toBe(false);
  });
});

describe("isAllowedExternalUrl (openExternal)", () => {
  it("allows https: and mailto: only", () => {
    expect(isAllowedExternalUrl("https://github.com/x/y")).toBe(true);
    expect(isAllowedExternalUrl("mailto:dev@example.com")).toBe(true);
    for (const bad of ["http://example.com", "file:///etc/passwd", "javascript:alert(1)", "smb://host/share", "ms-msdt:/id", "vscode://x", "https://user:pw@example.com", "mailto:", "//example.com", ""]) {
      expect(isAllowedExternalUrl(bad), bad).toBe(false);
    }
  });
});
