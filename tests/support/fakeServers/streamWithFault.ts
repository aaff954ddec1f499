import type http from "node:http";
import type { FakeFault } from "./types.js";

export interface StreamPlan {
  contentType: string;
  /** One serialized line (or SSE event) per content piece, ready to write. */
  content: string[];
  /** Serialized terminal lines for a normal end (`reason` "stop") or a length stop. */
  terminal(reason: "stop" | "length"): string;
  /** An unparseable line in this protocol. */
  garbage: string;
  /** A content line for never-ending streams. */
  filler: string;
}

export interface StreamCounters {
  active: number;
  aborted: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Write a streamed chat response, applying `fault`. Counts streams the client abandons. */
export async function streamWithFault(
  res: http.ServerResponse,
  plan: StreamPlan,
  fault: FakeFault | null,
  chunkDelayMs: number,
  counters: StreamCounters,
): Promise<void> {
  let gone = false;
  counters.active++;
  res.on("close", () => {
    if (!res.writableFinished) {
      gone = true;
      counters.aborted++;
    }
    counters.active--;
  });
  if (fault?.kind === "slowHeaders") await sleep(fault.delayMs);
  if (gone) return;
  res.writeHead(200, { "content-type": plan.contentType, "cache-control": "no-cache", connection: "keep-alive" });
  res.flushHeaders();
  if (fault?.kind === "slowFirstToken") await sleep(fault.delayMs);
  if (fault?.kind === "trickle") {
    const all = Buffer.from(plan.content.join("") + plan.terminal("stop"));
    for (let i = 0; i < all.length && !gone; i++) {
      res.write(all.subarray(i, i + 1));
      await sleep(fault.intervalMs);
    }
    if (!gone) res.end();
    return;
  }
  if (fault?.kind === "neverEnding") {
    while (!gone) {
      res.write(plan.filler);
      await sleep(fault.intervalMs ?? 20);
    }
    return;
  }
  for (let i = 0; i < plan.content.length && !gone; i++) {
    if (fault?.kind === "reset" && i === (fault.afterChunks ?? 2)) {
      // Let the client read what was sent (an RST discards unread data), then cut the connection hard.
      await sleep(50);
      res.socket?.resetAndDestroy();
      return;
    }
    if (fault?.kind === "malformed" && i === (fault.afterChunks ?? 1)) res.write(plan.garbage);
    res.write(plan.content[i]!);
    if (chunkDelayMs > 0) await sleep(chunkDelayMs);
  }
  if (gone) return;
  if (fault?.kind === "missingTerminal") return void res.end();
  res.end(plan.terminal(fault?.kind === "length" ? "length" : "stop"));
}

/** Split a reply into streamed pieces of `size` characters (by code point). */
export function splitReply(text: string, size: number): string[] {
  const cps = [...text];
  const out: string[] = [];
  for (let i = 0; i < cps.length; i += size) out.push(cps.slice(i, i + size).join(""));
  return out;
}
