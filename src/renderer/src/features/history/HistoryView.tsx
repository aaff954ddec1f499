import { Placeholder } from "../placeholder.js";

export function HistoryView(): React.JSX.Element {
  return <Placeholder title="History" />;
}
