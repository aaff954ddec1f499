import { ConnectionBadge } from "./components/ConnectionBadge.js";
import { Toasts } from "./components/Toasts.js";
import { HistoryView } from "./features/history/HistoryView.js";
import { LearningView } from "./features/learning/LearningView.js";
import { ModelsView } from "./features/models/ModelsView.js";
import { PatternsView } from "./features/patterns/PatternsView.js";
import { ProjectView } from "./features/project/ProjectView.js";
import { SettingsView } from "./features/settings/SettingsView.js";
import { WorkflowView } from "./features/workflow/WorkflowView.js";
import type { ViewId } from "./store/slices/coreSlice.js";
import { useAppStore } from "./store/useAppStore.js";

const VIEWS: Array<{ id: ViewId; label: string; Component: () => React.JSX.Element }> = [
  { id: "workflow", label: "Workflow", Component: WorkflowView },
  { id: "project", label: "Project", Component: ProjectView },
  { id: "models", label: "Models", Component: ModelsView },
  { id: "history", label: "History", Component: HistoryView },
  { id: "patterns", label: "Patterns", Component: PatternsView },
  { id: "learning", label: "Learning", Component: LearningView },
  { id: "settings", label: "Settings", Component: SettingsView },
];

export function App(): React.JSX.Element {
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const version = useAppStore((s) => s.info?.version);
  const Current = VIEWS.find((v) => v.id === view)?.Component ?? WorkflowView;
  return (
    <div className="app">
      <header className="topbar">
        <h1>CodeConductor</h1>
        <nav aria-label="Views">
          {VIEWS.map((v) => (
            <button key={v.id} className={v.id === view ? "active" : ""} aria-current={v.id === view ? "page" : undefined} data-testid={`nav-${v.id}`} onClick={() => setView(v.id)}>
              {v.label}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        {version ? <span className="muted">v{version}</span> : null}
        <ConnectionBadge />
      </header>
      <main>
        <Current />
      </main>
      <Toasts />
    </div>
  );
}
