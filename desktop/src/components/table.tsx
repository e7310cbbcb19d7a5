/** The head every table of the console has: an accessible caption and column headers. */

export function TableHead({
  caption,
  columns,
  actions = false,
  showCaption = false,
}: {
  caption: string;
  columns: string[];
  /** A last column for the row's buttons, named for screen readers only. */
  actions?: boolean;
  /** Show the caption; by default it is for screen readers only (the view's heading says it already). */
  showCaption?: boolean;
}) {
  return (
    <>
      <caption class={showCaption ? undefined : "visually-hidden"}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column}>
              {column}
            </th>
          ))}
          {actions && (
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
    </>
  );
}
