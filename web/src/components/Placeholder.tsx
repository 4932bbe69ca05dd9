/** A page that is not built yet. */
export function Placeholder({ name }: { name: string }) {
  return (
    <section>
      <h1>{name}</h1>
    </section>
  );
}
