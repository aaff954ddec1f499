/** A fenced code block found in an answer. Line numbers are 0-based indexes into the LF-normalized text. */
export interface FencedBlock {
  index: number;
  /** First word of the info string (`ts`, `python`), or the part before `:` in `python:app/x.py`. */
  language: string;
  /** The whole info string, trimmed. */
  info: string;
  content: string;
  openLine: number;
  closeLine: number;
  /** False when the answer ended inside the block (truncated output). */
  closed: boolean;
}

const OPEN = /^(\s*)(`{3,}|~{3,})(.*)$/;

/**
 * Find fenced blocks (``` or ~~~, three or more, any indentation so blocks inside list items count).
 * A closing fence uses the same character, at least as long, with nothing after it (CommonMark rules),
 * so a README with inner ``` blocks survives inside a ```` fence.
 */
export function scanFences(lines: string[]): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const m = OPEN.exec(lines[i]!);
    if (!m || (m[2]![0] === "`" && m[3]!.includes("`"))) {
      i++;
      continue;
    }
    const indent = m[1]!.length;
    const fence = m[2]!;
    const info = m[3]!.trim();
    const close = new RegExp(`^\\s*${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j]!)) j++;
    const body = lines.slice(i + 1, j).map((l) => stripIndent(l, indent));
    const closed = j < lines.length;
    blocks.push({ index: blocks.length, language: languageOf(info), info, content: body.length ? `${body.join("\n")}\n` : "", openLine: i, closeLine: j, closed });
    i = j + 1;
  }
  return blocks;
}

function stripIndent(line: string, indent: number): string {
  let k = 0;
  while (k < indent && (line[k] === " " || line[k] === "\t")) k++;
  return line.slice(k);
}

function languageOf(info: string): string {
  const first = info.split(/\s+/)[0] ?? "";
  const colon = first.indexOf(":");
  const lang = colon > 0 ? first.slice(0, colon) : first;
  // `{.python}` / `.python` (pandoc) and `{1,3}` (line highlights).
  return lang.replace(/^\{?\.?/, "").replace(/\}$/, "").toLowerCase();
}
