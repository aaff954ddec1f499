import { Placeholder } from "../placeholder.js";

export function PatternsView(): React.JSX.Element {
  return <Placeholder title="Patterns" />;
}
