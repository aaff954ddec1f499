import fs from "node:fs";
import { InvalidArgumentError, type Command } from "commander";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { PatternQuery, PatternSort, TaskType } from "../../shared/contract/learning.js";
import { globalOptions } from "../globalOptions.js";
import { formatPattern, formatPatternTable } from "../learning/formatPatterns.js";
import { output, withEngine } from "../withEngine.js";

interface ListOptions {
  minReward?: number;
  maxReward?: number;
  type?: TaskType;
  model?: string;
  since?: string;
  until?: string;
  tag?: string;
  succeeded?: boolean;
  sort?: PatternSort;
  limit?: number;
}

const fraction = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError("expected a number from 0 to 1");
  return n;
};
const count = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number ≥ 1");
  return n;
};
const date = (v: string): number => {
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new InvalidArgumentError("expected a date such as 2026-01-31");
  return t;
};

function withFilters(cmd: Command): Command {
  return cmd
    .option("--min-reward <r>", "reward at least r (0–1)", fraction)
    .option("--max-reward <r>", "reward at most r (0–1)", fraction)
    .option("--type <taskType>", "bugfix, feature, refactor, test, docs or other")
    .option("--model <id>", "a model id (or part of it) used by the attempt")
    .option("--since <date>", "created on or after this date")
    .option("--until <date>", "created on or before this date")
    .option("--tag <tag>", "tagged with this tag")
    .option("--succeeded", "only attempts whose tests went green")
    .option("--sort <order>", "relevance, newest, oldest, reward or iterations")
    .option("--limit <n>", "at most n rows (default 50)", count);
}

function toQuery(o: ListOptions, query?: string): PatternQuery {
  return {
    ...(query ? { query } : {}),
    minReward: o.minReward,
    maxReward: o.maxReward,
    taskType: o.type,
    model: o.model,
    from: o.since ? date(o.since) : undefined,
    to: o.until ? date(o.until) : undefined,
    tag: o.tag,
    succeededOnly: o.succeeded,
    sort: o.sort,
    limit: o.limit,
  };
}

/** `codeconductor patterns list|search|show|export|import|delete|tag`. */
export function registerPatternsCommands(program: Command): void {
  const patterns = program.command("patterns").description("the pattern library: saved attempts (prompt → code → tests → reward)");

  withFilters(patterns.command("list").description("list saved patterns, newest first")).action(async (o: ListOptions, cmd: Command) => {
    const g = globalOptions(cmd);
    await withEngine(g, async (client, _e, signal) => {
      const r = await client.call("patterns.list", toQuery(o), { signal });
      output(g, r, () => formatPatternTable(r.patterns, r.total, r.capped));
    });
  });

  withFilters(patterns.command("search").description("full-text search (BM25 over task, prompt, code, tags; every word must match)").argument("<query>", "words to find")).action(
    async (query: string, o: ListOptions, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _e, signal) => {
        const r = await client.call("patterns.list", toQuery(o, query), { signal });
        output(g, r, () => formatPatternTable(r.patterns, r.total, r.capped));
      });
    },
  );

  patterns
    .command("show")
    .description("one pattern in full: task, tests, reward, code")
    .argument("<id>")
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _e, signal) => {
        const p = await client.call("patterns.get", { id }, { signal });
        output(g, p, () => formatPattern(p));
      });
    });

  patterns
    .command("export")
    .description("write the library as a versioned JSON document (schema: resources/pattern-library.schema.json)")
    .argument("<file>", "where to write (- for stdout)")
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _e, signal) => {
        const doc = await client.call("patterns.export", {}, { signal });
        const text = `${JSON.stringify(doc, null, 2)}\n`;
        if (file === "-") return void process.stdout.write(text);
        fs.writeFileSync(file, text);
        output(g, { file, patterns: doc.patterns.length }, () => `Exported ${doc.patterns.length} pattern(s) to ${file}`);
      });
    });

  patterns
    .command("import")
    .description("import an exported document (validated, size-capped, deduplicated; all or nothing)")
    .argument("<file>")
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      let size: number;
      try {
        size = fs.statSync(file).size;
      } catch (e) {
        throw new AppError(ErrorCode.NotFound, `Cannot read ${file}: ${(e as Error).message}`);
      }
      await withEngine(g, async (client, _e, signal) => {
        const cfg = await client.call("config.get", {}, { signal });
        const cap = (cfg.config.learning as { importMaxBytes: number }).importMaxBytes;
        if (size > cap) throw new AppError(ErrorCode.InvalidInput, `Import refused: ${file} is ${size} bytes, over the ${cap}-byte limit (config learning.importMaxBytes). Nothing was changed.`);
        const r = await client.call("patterns.import", { text: fs.readFileSync(file, "utf8") }, { signal });
        output(g, r, () => `Imported ${r.imported} pattern(s); ${r.duplicates} already present`);
      });
    });

  patterns
    .command("delete")
    .description("delete a pattern")
    .argument("<id>")
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _e, signal) => {
        const r = await client.call("patterns.delete", { id }, { signal });
        if (!r.deleted) throw new AppError(ErrorCode.NotFound, `No pattern ${id}`);
        output(g, r, () => `Deleted ${id}`);
      });
    });

  patterns
    .command("tag")
    .description("add (or with --remove, remove) tags")
    .argument("<id>")
    .argument("<tags...>")
    .option("--remove", "remove these tags instead")
    .action(async (id: string, tags: string[], o: { remove?: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _e, signal) => {
        const r = await client.call("patterns.tag", { id, ...(o.remove ? { remove: tags } : { add: tags }) }, { signal });
        output(g, r, () => `Tags: ${r.tags.join(", ") || "—"}`);
      });
    });
}
