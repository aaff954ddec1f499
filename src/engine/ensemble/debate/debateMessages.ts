import type { DebateTurn, Persona } from "../../../shared/contract/ensemble.js";
import type { ChatMessage } from "../../inference/types.js";

/** Characters of one turn shown to the others (turns are asked to stay short; this guards small contexts). */
const TURN_CHARS = 600;

/** The transcript as plain text, newest last, keeping at most `maxChars` (older turns dropped first). */
export function formatTranscript(turns: DebateTurn[], names: Map<string, string>, maxChars = 4000): string {
  const lines = turns
    .filter((t) => t.content.trim())
    .map((t) => {
      const body = t.content.trim().replace(/\s+/g, " ");
      const cut = body.length > TURN_CHARS ? `${body.slice(0, TURN_CHARS)}…` : body;
      return `[round ${t.round}] ${names.get(t.agent) ?? t.agent}${t.status === "ok" ? "" : ` (${t.status})`}: ${cut}`;
    });
  const kept: string[] = [];
  let used = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (used + lines[i]!.length + 1 > maxChars) break;
    kept.unshift(lines[i]!);
    used += lines[i]!.length + 1;
  }
  return kept.join("\n");
}

/** One persona's turn: its instructions as the system prompt, the task and the previous rounds as the user message. */
export function debateMessages(o: { persona: Persona; task: string; round: number; rounds: number; transcript: string }): ChatMessage[] {
  const system = `You are the ${o.persona.name}: ${o.persona.role}. ${o.persona.instructions} Keep your turn under 120 words.`;
  const so = o.transcript ? `Discussion so far:\n${o.transcript}` : "You speak first.";
  const ask = o.round > 1 ? "respond to the others' points" : "give your view";
  return [
    { role: "system", content: system },
    { role: "user", content: `Task: ${o.task}\n\n${so}\n\nRound ${o.round} of ${o.rounds}: ${ask}.` },
  ];
}
