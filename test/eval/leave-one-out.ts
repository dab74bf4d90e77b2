/**
 * Leave-one-lecture-out: for each lecture, the setting (a column) with the lowest mean error on
 * all the other lectures, and that setting's error on the lecture left out. Ties go to the
 * earlier column, so list the default setting first. With one lecture, its own first column.
 *
 * @example
 * leaveOneOut([[0.3, 0.2], [0.4, 0.1], [0.25, 0.5]]) // [{ choice: 1, error: 0.2 }, { choice: 0, error: 0.4 }, { choice: 1, error: 0.5 }]
 */
export function leaveOneOut(errors: readonly (readonly number[])[]): { choice: number; error: number }[] {
  return errors.map((row, out) => {
    const others = errors.filter((_, i) => i !== out);
    let choice = 0;
    let best = Number.POSITIVE_INFINITY;
    row.forEach((_, column) => {
      const total = others.reduce((sum, r) => sum + (r[column] as number), 0);
      if (total < best - 1e-12) {
        best = total;
        choice = column;
      }
    });
    return { choice, error: row[choice] as number };
  });
}
