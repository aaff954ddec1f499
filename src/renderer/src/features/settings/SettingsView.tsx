import { Placeholder } from "../placeholder.js";

export function SettingsView(): React.JSX.Element {
  return <Placeholder title="Settings" />;
}
