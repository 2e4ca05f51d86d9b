import type { ReactNode } from "react";

/**
 * A table that scrolls sideways on a phone: the region is labelled and reachable by keyboard (WCAG 2.1.1), the
 * header row comes from `head` (the `<th scope="col">` cells), the rows from `children`.
 */
export function ScrollableTable({ label, head, children }: { label: string; head: ReactNode; children: ReactNode }) {
  return (
    <section
      className="table-wrap"
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls; the keyboard must reach it (WCAG 2.1.1)
      tabIndex={0}
    >
      <table>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}
