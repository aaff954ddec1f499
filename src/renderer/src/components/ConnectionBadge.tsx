import { useAppStore } from "../store/useAppStore.js";

export function ConnectionBadge(): React.JSX.Element {
  const c = useAppStore((s) => s.connection);
  const label = { connecting: "Connecting…", connected: "Connected", disconnected: "Disconnected" }[c];
  return (
    <span className={`badge badge-${c}`} data-testid="connection-status" data-state={c}>
      {label}
    </span>
  );
}
