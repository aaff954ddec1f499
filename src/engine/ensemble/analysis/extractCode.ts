/** The code in a member's answer: the longest fenced block, else the whole answer trimmed. */
export function extractCode(text: string): string {
  const blocks = [...text.matchAll(/```[^\n`]*\n([\s\S]*?)(?:```|$)/g)].map((m) => m[1]!);
  if (!blocks.length) return text.trim();
  return blocks.reduce((a, b) => (b.length > a.length ? b : a)).replace(/\s+$/, "");
}
