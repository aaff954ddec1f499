/** SentencePiece token types as llama.cpp reads them (`tokenizer.ggml.token_type`). */
const NORMAL = 1;
const UNKNOWN = 2;
const CONTROL = 3;
const BYTE = 6;

const COMMON = ["▁", "e", "t", "a", "o", "i", "n", "s", "r", "h", "l", "d", "c", "u", "m", "f", "p", "g", "y", "w", "b", "▁t", "▁a", "▁s", "▁c", "▁the", "▁{", "▁}", "\":", "▁\"", "er", "in", "on", "re", "an", "or", "es", "en", "at", "ed"];

export interface SpmVocab {
  tokens: string[];
  scores: Float32Array;
  types: Int32Array;
  bos: number;
  eos: number;
  unk: number;
}

/**
 * A llama (SentencePiece) vocabulary with byte fallback: <unk>, <s>, </s>, the 256 `<0xNN>` byte tokens,
 * then `size - 259` normal pieces (common English pieces first, then unique filler pieces).
 * Defaults to `300` tokens; the bench model uses 32000.
 */
export function buildSpmByteVocab(size = 300): SpmVocab {
  if (size < 260) throw new Error("vocab needs at least 260 tokens (3 specials + 256 bytes + 1)");
  const tokens = ["<unk>", "<s>", "</s>"];
  const types = [UNKNOWN, CONTROL, CONTROL];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
    types.push(BYTE);
  }
  const seen = new Set(tokens);
  // Filler pieces: "▁" + every letter string in order (a…z, aa…zz, aaa…). All shorter strings come first,
  // so SentencePiece's pairwise merges can reach each piece and a filler word is a single token.
  const pieces = [...COMMON];
  for (let j = 0; pieces.length < size; j++) pieces.push(`▁${fillerWord(j)}`);
  for (const piece of pieces) {
    if (tokens.length >= size) break;
    if (seen.has(piece)) continue;
    seen.add(piece);
    tokens.push(piece);
    types.push(NORMAL);
  }
  const scores = new Float32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) scores[i] = types[i] === NORMAL ? -i : 0;
  return { tokens, scores, types: Int32Array.from(types), bos: 1, eos: 2, unk: 0 };
}

/** The j-th word of the filler alphabet (bijective base 26): 0 → "a", 25 → "z", 26 → "aa", 702 → "aaa". */
export function fillerWord(j: number): string {
  let n = j + 1;
  let w = "";
  while (n > 0) {
    n--;
    w = "abcdefghijklmnopqrstuvwxyz"[n % 26] + w;
    n = Math.floor(n / 26);
  }
  return w;
}
