// electron-builder beforePack hook: npm installs clipboard-event's native helpers without the execute bit, and
// a packaged app may not be able to fix that at run time (AppImage and system installs are read-only). The
// helpers are unpacked from the asar (asarUnpack below); electron-builder keeps the mode set here.
const fs = require("node:fs");
const path = require("node:path");

exports.default = async function chmodClipboardHelper() {
  const dir = path.join(__dirname, "..", "node_modules", "clipboard-event", "platform");
  for (const name of ["clipboard-event-handler-linux", "clipboard-event-handler-mac"]) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) fs.chmodSync(file, 0o755);
  }
};
