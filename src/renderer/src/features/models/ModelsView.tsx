import { Placeholder } from "../placeholder.js";

export function ModelsView(): React.JSX.Element {
  return <Placeholder title="Models" />;
}
