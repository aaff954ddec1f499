import { APP_VERSION } from "../engine/version.js";

// `--version` alone answers before the commands (and the engine they import) load: it is what scripts
// and shells call most, and it should cost no more than Node's own start.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) process.stdout.write(`${APP_VERSION}\n`);
else {
  const { main } = await import("./main.js");
  await main(process.argv);
}
