/** A key combination in uiohook's terms: its keycode (libuiohook VC_*) and the exact modifiers held. */
export interface KeyCombo {
  keycode: number;
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}

// libuiohook virtual key codes (uiohook-napi's UiohookKey), copied so the parent process never loads the addon.
const named: Record<string, number> = {
  backspace: 14, tab: 15, enter: 28, return: 28, capslock: 58, escape: 1, esc: 1, space: 57,
  pageup: 3657, pagedown: 3665, end: 3663, home: 3655, left: 57419, up: 57416, right: 57421, down: 57424,
  insert: 3666, delete: 3667, ";": 39, "=": 13, ",": 51, "-": 12, ".": 52, "/": 53, "`": 41, "[": 26, "\\": 43,
  "]": 27, "'": 40, plus: 13, minus: 12, printscreen: 3639,
};
const letters = "QWERTYUIOP|ASDFGHJKL|ZXCVBNM";
const letterBase = [16, 30, 44];
const digits = [11, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const fKeys = [59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 87, 88, 91, 92, 93, 99, 100, 101, 102, 103, 104, 105, 106, 107];

function keycodeOf(key: string): number | undefined {
  const k = key.toLowerCase();
  if (/^[a-z]$/.test(k)) {
    const row = letters.split("|").findIndex((r) => r.includes(k.toUpperCase()));
    return letterBase[row]! + letters.split("|")[row]!.indexOf(k.toUpperCase());
  }
  if (/^[0-9]$/.test(k)) return digits[Number(k)];
  const f = /^f([1-9]|1[0-9]|2[0-4])$/.exec(k);
  if (f) return fKeys[Number(f[1]) - 1];
  return named[k];
}

/**
 * Parse an Electron-style accelerator ("Control+Alt+Shift+P", "CommandOrControl+F5") into a key combo, or a
 * reason it cannot be one. CommandOrControl means Meta on macOS and Control elsewhere, as in Electron.
 */
export function parseAccelerator(accelerator: string, platform: NodeJS.Platform = process.platform): KeyCombo | { error: string } {
  const parts = accelerator.split("+").map((p) => p.trim());
  // "Control+Plus" is written with the word; a trailing empty part means the key was "+" itself.
  const combo: KeyCombo = { keycode: -1, ctrl: false, alt: false, shift: false, meta: false };
  for (const [i, raw] of parts.entries()) {
    const p = raw.toLowerCase();
    const last = i === parts.length - 1;
    if (["control", "ctrl"].includes(p)) combo.ctrl = true;
    else if (["alt", "option", "altgr"].includes(p)) combo.alt = true;
    else if (p === "shift") combo.shift = true;
    else if (["super", "meta", "cmd", "command"].includes(p)) combo.meta = true;
    else if (["commandorcontrol", "cmdorctrl"].includes(p)) combo[platform === "darwin" ? "meta" : "ctrl"] = true;
    else if (!last) return { error: `unknown modifier "${raw}"` };
    else {
      const code = keycodeOf(raw);
      if (code === undefined) return { error: `unknown key "${raw}"` };
      combo.keycode = code;
    }
  }
  if (combo.keycode < 0) return { error: "no key after the modifiers" };
  if (!combo.ctrl && !combo.alt && !combo.meta) return { error: "a global hotkey needs Control, Alt or Super, so typing never triggers it" };
  return combo;
}

export function sameCombo(a: KeyCombo, b: KeyCombo): boolean {
  return a.keycode === b.keycode && a.ctrl === b.ctrl && a.alt === b.alt && a.shift === b.shift && a.meta === b.meta;
}
