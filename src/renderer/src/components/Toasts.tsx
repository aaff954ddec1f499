import { useEffect } from "react";
import type { Toast } from "../store/slices/coreSlice.js";
import { useAppStore } from "../store/useAppStore.js";

/** How long a toast stays, ms; errors a little longer. Toasts that need action stay until dismissed. */
const LIFETIME_MS = { info: 5000, success: 5000, warn: 8000, error: 10000 } as const;

function ToastItem({ toast, dismiss }: { toast: Toast; dismiss: (id: number) => void }): React.JSX.Element {
  // One timer per toast, started when it appears: dismissing another toast must not restart it.
  useEffect(() => {
    if (toast.needsAction) return;
    const timer = setTimeout(() => dismiss(toast.id), LIFETIME_MS[toast.level]);
    return () => clearTimeout(timer);
  }, [toast.id, toast.level, toast.needsAction, dismiss]);
  return (
    <div className={`toast toast-${toast.level}`} data-testid="toast" data-needs-action={toast.needsAction ? "true" : undefined}>
      <strong>{toast.title}</strong>
      {toast.message ? <div>{toast.message}</div> : null}
      <button aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}

/**
 * In-app toasts, at most three (the store keeps the newest). They sit in their own strip below the
 * scrolling content, never over it, so they cannot hide a button.
 */
export function Toasts(): React.JSX.Element {
  const toasts = useAppStore((s) => s.toasts);
  const dismiss = useAppStore((s) => s.dismissToast);
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} dismiss={dismiss} />
      ))}
    </div>
  );
}
