/** A view whose capability is not built yet. */
export function Placeholder({ title, children }: { title: string; children?: React.ReactNode }): React.JSX.Element {
  return (
    <section className="view" data-testid={`view-${title.toLowerCase()}`}>
      <h2>{title}</h2>
      {children ?? <p className="muted">Coming with a later issue.</p>}
    </section>
  );
}
