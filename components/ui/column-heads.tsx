/**
 * A list's column headings: one sticky row of `th scope="col"`, each with the list's heading class
 * and, where given, its own width (`['Date', 'w-24']`).
 */
export function ColumnHeads({ columns, className }: { columns: readonly (string | readonly [string, string])[]; className: string }) {
  return (
    <thead className="sticky top-0 bg-chrome">
      <tr>
        {columns.map((c) => {
          const [label, width] = typeof c === 'string' ? [c, ''] : c;
          return (
            <th key={label} scope="col" className={width ? `${className} ${width}` : className}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
