import type { PatternSort, TaskType } from "../../../../shared/contract/learning.js";
import { useAppStore } from "../../store/useAppStore.js";
import { loadPatterns } from "./patternsActions.js";

const TYPES: TaskType[] = ["bugfix", "feature", "refactor", "test", "docs", "other"];
const SORTS: PatternSort[] = ["relevance", "newest", "oldest", "reward", "iterations"];
const day = (ms?: number): string => (ms === undefined ? "" : new Date(ms).toISOString().slice(0, 10));
const parseDay = (v: string, end = false): number | undefined => (v ? Date.parse(`${v}T${end ? "23:59:59.999" : "00:00:00"}Z`) : undefined);

/** Search box and filters; Enter or "Search" runs the query. */
export function PatternFilters(): React.JSX.Element {
  const q = useAppStore((s) => s.patternQuery);
  const set = useAppStore((s) => s.setPatternQuery);
  return (
    <form
      className="pattern-filters"
      onSubmit={(e) => {
        e.preventDefault();
        void loadPatterns();
      }}
    >
      <input type="search" aria-label="Search patterns" placeholder="Search task, prompt, code, tags…" value={q.query ?? ""} onChange={(e) => set({ query: e.target.value })} data-testid="patterns-search" />
      <select aria-label="Task type" value={q.taskType ?? ""} onChange={(e) => set({ taskType: (e.target.value || undefined) as TaskType | undefined })} data-testid="patterns-type">
        <option value="">any type</option>
        {TYPES.map((t) => (
          <option key={t}>{t}</option>
        ))}
      </select>
      <label>
        reward ≥ <input type="number" min={0} max={1} step={0.1} value={q.minReward ?? ""} onChange={(e) => set({ minReward: e.target.value === "" ? undefined : Number(e.target.value) })} aria-label="Minimum reward" />
      </label>
      <label>
        ≤ <input type="number" min={0} max={1} step={0.1} value={q.maxReward ?? ""} onChange={(e) => set({ maxReward: e.target.value === "" ? undefined : Number(e.target.value) })} aria-label="Maximum reward" />
      </label>
      <input type="text" aria-label="Model" placeholder="model" value={q.model ?? ""} onChange={(e) => set({ model: e.target.value || undefined })} />
      <input type="text" aria-label="Tag" placeholder="tag" value={q.tag ?? ""} onChange={(e) => set({ tag: e.target.value || undefined })} />
      <label>
        from <input type="date" aria-label="From date" value={day(q.from)} onChange={(e) => set({ from: parseDay(e.target.value) })} />
      </label>
      <label>
        to <input type="date" aria-label="To date" value={day(q.to)} onChange={(e) => set({ to: parseDay(e.target.value, true) })} />
      </label>
      <label>
        <input type="checkbox" checked={!!q.succeededOnly} onChange={(e) => set({ succeededOnly: e.target.checked || undefined })} data-testid="patterns-succeeded" /> succeeded only
      </label>
      <select aria-label="Sort" value={q.sort ?? ""} onChange={(e) => set({ sort: (e.target.value || undefined) as PatternSort | undefined })}>
        <option value="">default order</option>
        {SORTS.map((s) => (
          <option key={s}>{s}</option>
        ))}
      </select>
      <button className="primary" type="submit" data-testid="patterns-go">
        Search
      </button>
    </form>
  );
}
