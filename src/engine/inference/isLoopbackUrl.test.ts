import { describe, expect, it } from "vitest";
import { isLoopbackUrl } from "./isLoopbackUrl.js";

describe("isLoopbackUrl", () => {
  it.each([
    ["http://127.0.0.1:11434", true],
    ["http://127.8.9.10/", true],
    ["http://localhost:1234/v1", true],
    ["http://[::1]:8000", true],
    ["http://192.168.1.5:11434", false],
    ["https://gpu.example.com/v1", false],
    ["http://127.0.0.1.example.com", false],
    ["not a url", false],
  ])("%s → %s", (url, expected) => expect(isLoopbackUrl(url)).toBe(expected));
});
