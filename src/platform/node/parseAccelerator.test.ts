import { describe, expect, it } from "vitest";
import { parseAccelerator } from "./parseAccelerator.js";

describe("parseAccelerator", () => {
  it("maps the default loop hotkeys to uiohook keycodes with exact modifiers", () => {
    expect(parseAccelerator("Control+Alt+Shift+P", "linux")).toEqual({ keycode: 25, ctrl: true, alt: true, shift: true, meta: false });
    expect(parseAccelerator("Control+Alt+Shift+V", "linux")).toMatchObject({ keycode: 47 });
    expect(parseAccelerator("Ctrl+Alt+Shift+A", "linux")).toMatchObject({ keycode: 30 });
    expect(parseAccelerator("Control+Alt+Shift+T", "linux")).toMatchObject({ keycode: 20 });
    expect(parseAccelerator("Control+Alt+Shift+S", "linux")).toMatchObject({ keycode: 31 });
  });

  it("reads CommandOrControl as Meta on macOS and Control elsewhere", () => {
    expect(parseAccelerator("CommandOrControl+F5", "darwin")).toEqual({ keycode: 63, ctrl: false, alt: false, shift: false, meta: true });
    expect(parseAccelerator("CmdOrCtrl+F5", "linux")).toEqual({ keycode: 63, ctrl: true, alt: false, shift: false, meta: false });
  });

  it("knows digits, F-keys up to F24 and named keys", () => {
    expect(parseAccelerator("Alt+0", "linux")).toMatchObject({ keycode: 11 });
    expect(parseAccelerator("Alt+F24", "linux")).toMatchObject({ keycode: 107 });
    expect(parseAccelerator("Super+Space", "linux")).toMatchObject({ keycode: 57, meta: true });
  });

  it("refuses unknown keys, unknown modifiers and combinations typing could trigger, saying why", () => {
    expect(parseAccelerator("Control+Nope", "linux")).toEqual({ error: 'unknown key "Nope"' });
    expect(parseAccelerator("Hyper+P", "linux")).toEqual({ error: 'unknown modifier "Hyper"' });
    expect(parseAccelerator("Shift+P", "linux")).toMatchObject({ error: expect.stringMatching(/needs Control, Alt or Super/) });
    expect(parseAccelerator("Control+Alt", "linux")).toMatchObject({ error: expect.stringMatching(/unknown key|no key/) });
  });
});
