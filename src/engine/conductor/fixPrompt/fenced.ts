/** A fence longer than any backtick run inside `text`, so the text cannot close it. */
export function fenced(text: string, lang = ""): string[] {
  let longest = 2;
  for (const m of text.matchAll(/`{3,}/g)) longest = Math.max(longest, m[0].length);
  const f = "`".repeat(longest + 1);
  return [`${f}${lang}`, ...text.replace(/\n$/, "").split("\n"), f];
}
