import { describe, expect, it } from "vitest";
import { bleu4 } from "./bleu4.js";
import { codeConsensus } from "./codeConsensus.js";
import { codeFeatures } from "./codeFeatures.js";
import { keywordsFor } from "./keywords.js";
import { liteTree, type LiteNode } from "./liteTree.js";
import { parseCode } from "../../parsing/index.js";
import { ngramProfile } from "./ngramProfile.js";
import { preprocessCode } from "./preprocessCode.js";
import { scoreCodePair } from "./scoreCodePair.js";
import { ShapeInterner } from "./syntaxShapes.js";
import { weightedUnigram } from "./weightedUnigram.js";

const OPTS = { normalize: true, stripComments: false, stripDocstrings: false };
const W = [0.25, 0.25, 0.25, 0.25] as const;

async function pair(hyp: string, ref: string, language = "python", opts = OPTS) {
  const interner = new ShapeInterner();
  const lang = language as "python";
  const h = await codeFeatures(hyp, lang, opts, interner);
  const r = await codeFeatures(ref, lang, opts, interner);
  return scoreCodePair(h, r, keywordsFor(lang), W);
}

describe("CodeBLEU on hand-worked examples", () => {
  it("scores identical code 1.0 on every component", async () => {
    const code = "def area(w, h):\n    total = w * h\n    return total\n";
    expect(await pair(code, code)).toEqual({ ngram: 1, weighted: 1, ast: 1, dataflow: 1, score: 1 });
  });

  it("keeps AST and data-flow at 1.0 when variables are renamed", async () => {
    // Hand-derived (12 tokens each): p1 = 7/12, p2 = 2/11 (") :", ": return"), p3 = 1/10 (") : return"),
    // p4 = 0 → smoothed to 0.1/9; BLEU = (7/12 · 2/11 · 1/10 · 0.1/9)^(1/4).
    // Weighted unigram over the reference: keywords def, return weigh 1, the other eight tokens 0.2 each
    // (first, second twice) → denominator 1+1+0.2·10 = 4; matched: def, return, ( , ) : + → 1+1+0.2·5 = 3 → 0.75.
    const s = await pair("def add(a, b):\n    return a + b\n", "def sum(first, second):\n    return second + first\n");
    const bleu = Math.pow((7 / 12) * (2 / 11) * (1 / 10) * (0.1 / 9), 0.25);
    expect(s.ngram).toBeCloseTo(bleu, 10);
    expect(s.ngram).toBeCloseTo(0.1041, 3); // the figure the CodeBLEU reference implementation publishes for this pair
    expect(s.weighted).toBeCloseTo(0.75, 10);
    expect(s.ast).toBe(1);
    expect(s.dataflow).toBe(1);
    expect(s.score).toBeCloseTo(0.25 * (bleu + 0.75 + 1 + 1), 10);
  });

  it("lowers the n-gram score but not the keyword-weighted unigram score when statements are reordered", async () => {
    // p1 = 11/11, p2 = 8/10, p3 = 5/9, p4 = 2/8 → BLEU = (0.8 · 5/9 · 0.25)^(1/4) = (1/9)^(1/4) = 1/√3.
    const a = "x = 1\ny = 2\nz = x + y\n";
    const b = "y = 2\nx = 1\nz = x + y\n";
    const s = await pair(b, a);
    expect(s.ngram).toBeCloseTo(1 / Math.sqrt(3), 10);
    expect(s.weighted).toBe(1);
    expect(s.ast).toBe(1);
    // Data flow: 4 of 5 edges survive renaming-by-appearance; z's parents come in the other order.
    expect(s.dataflow).toBeCloseTo(0.8, 10);
  });

  it("strips comments and docstrings only when asked", async () => {
    const plain = "def f(x):\n    return x + 1\n";
    const noisy = 'def f(x):\n    """Add one."""\n    # increment the input\n    return x + 1  # done\n';
    const kept = await pair(noisy, plain);
    expect(kept.ngram).toBeLessThan(1);
    const commentsOnly = await pair(noisy, plain, "python", { ...OPTS, stripComments: true });
    expect(commentsOnly.ngram).toBeLessThan(1); // the docstring is still there
    const stripped = await pair(noisy, plain, "python", { ...OPTS, stripComments: true, stripDocstrings: true });
    expect(stripped).toEqual({ ngram: 1, weighted: 1, ast: 1, dataflow: 1, score: 1 });
  });

  it("tokenises with the language's comment and string syntax", () => {
    const ts = preprocessCode("const s = 'a // b'; // note\nlet t = `x`;", "typescript", { ...OPTS, stripComments: true });
    expect(ts.tokens).toEqual(["const", "s", "=", '"a // b"', ";", "let", "t", "=", "`x`", ";"]);
    const py = preprocessCode("x = '#' # c\n", "python", { ...OPTS, stripComments: true });
    expect(py.tokens).toEqual(["x", "=", '"#"']);
    expect(py.source).toBe("x = '#'    \n");
  });

  it("applies the brevity penalty and returns 0 without any unigram match", () => {
    const ref = ngramProfile("a b c d e f g h".split(" "));
    const hyp = ngramProfile("a b c d".split(" "));
    // All four precisions are 1; BP = exp(1 − 8/4) = e^-1.
    expect(bleu4(hyp, ref)).toBeCloseTo(Math.exp(-1), 12);
    expect(weightedUnigram(hyp, ref, new Set())).toBeCloseTo(Math.exp(-1) * 0.5, 12);
    expect(bleu4(ngramProfile(["x", "y", "z", "w"]), ref)).toBe(0);
  });
});

describe("liteTree", () => {
  it("copies the tree with offsets that slice the source, also after non-ASCII text", async () => {
    const src = 's = "héllo ✓ 𝄞"\nnaïve = s + "ü"\n';
    const tree = await parseCode("python", src);
    const idents: string[] = [];
    const visit = (n: LiteNode): void => {
      if (n.type === "identifier") idents.push(src.slice(n.start, n.end));
      n.children.forEach(visit);
    };
    visit(liteTree(tree));
    expect(idents).toEqual(["s", "naïve", "s"]);
    expect(tree.rootNode.descendantsOfType("identifier").map((n) => n!.text)).toEqual(idents);
    tree.delete();
  });
});

describe("codeConsensus", () => {
  it("keeps the full matrix and picks the medoid", async () => {
    const base = "def total(items):\n    s = 0\n    for i in items:\n        s = s + i\n    return s\n";
    const close = "def total(values):\n    acc = 0\n    for v in values:\n        acc = acc + v\n    return acc\n";
    const far = "import functools\nprint(functools.reduce(lambda a, b: a * b, [1, 2, 3]))\n";
    const r = await codeConsensus(
      [
        { label: "far", code: far },
        { label: "base", code: base },
        { label: "close", code: close },
      ],
      { ...OPTS, weights: W, language: "py" },
    );
    expect(r.language).toBe("python");
    expect(r.matrix).toHaveLength(3);
    for (let i = 0; i < 3; i++) expect(r.matrix[i]![i]).toBe(1);
    expect(r.matrix[1]![2]).toBeGreaterThan(r.matrix[1]![0]!);
    expect(r.meanScores[0]).toBeLessThan(r.meanScores[1]!);
    expect(r.labels[r.winner]).not.toBe("far");
    expect(r.used).toEqual(["ngram", "weighted", "ast", "dataflow"]);
  });

  it("falls back to the n-gram parts for languages without a parser and renormalises the weights", async () => {
    const r = await codeConsensus(
      [
        { label: "a", code: "SELECT a FROM t" },
        { label: "b", code: "SELECT a FROM t" },
      ],
      { ...OPTS, weights: W, language: "sql" },
    );
    expect(r.language).toBeNull();
    expect(r.used).toEqual(["ngram", "weighted"]);
    expect(r.matrix[0]![1]).toBe(1);
  });

  it("rejects all-zero weights", async () => {
    await expect(codeConsensus([{ label: "a", code: "x" }], { ...OPTS, weights: [0, 0, 0, 0] })).rejects.toMatchObject({ code: "invalid_input" });
  });
});
