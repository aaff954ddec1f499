/**
 * The program of the hotkey child process (CommonJS, run with `node -e`). It loads uiohook-napi — which on
 * Linux aborts its whole process when the X server lacks RECORD — and prints one JSON line per key press that
 * matches one of the wanted combos (CC_HOTKEY_COMBOS), and nothing about any other key: the pipe never
 * carries what the user types. Exits when the parent closes its stdin.
 */
export const uiohookChildScript = `
const combos = JSON.parse(process.env.CC_HOTKEY_COMBOS || "[]");
const say = (o) => process.stdout.write(JSON.stringify(o) + "\\n");
let hook;
try {
  hook = require(process.env.CC_UIOHOOK_PATH).uIOhook;
  hook.on("keydown", (e) => {
    const k = { keycode: e.keycode, ctrl: !!e.ctrlKey, alt: !!e.altKey, shift: !!e.shiftKey, meta: !!e.metaKey };
    if (combos.some((c) => c.keycode === k.keycode && c.ctrl === k.ctrl && c.alt === k.alt && c.shift === k.shift && c.meta === k.meta)) say({ t: "key", ...k });
  });
  hook.start();
} catch (e) {
  say({ t: "error", message: String((e && e.message) || e) });
  process.exit(3);
}
say({ t: "ready" });
process.stdin.on("end", () => { try { hook.stop(); } finally { process.exit(0); } });
process.stdin.resume();
`;
