import { Placeholder } from "../placeholder.js";

export function ProjectView(): React.JSX.Element {
  return <Placeholder title="Project" />;
}
