import readline from "node:readline/promises";

/** Ask a yes/no question on the terminal (stderr); false when stdin is not a TTY. */
export async function confirm(question: string, signal?: AbortSignal): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `, { signal });
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    return false;
  } finally {
    rl.close();
  }
}
