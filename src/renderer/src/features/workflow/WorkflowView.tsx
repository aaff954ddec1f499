import { Placeholder } from "../placeholder.js";

export function WorkflowView(): React.JSX.Element {
  return <Placeholder title="Workflow" />;
}
