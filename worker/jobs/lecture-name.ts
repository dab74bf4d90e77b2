/**
 * What a job is called until its owner renames it: the uploaded file's name without its
 * extension (the migration that added the column backfilled old jobs the same way).
 *
 * @example
 * lectureName("Week 3 - Derivatives.mp4"); // "Week 3 - Derivatives"
 */
export function lectureName(filename: string): string {
  return filename.replace(/\.[^.]*$/, "") || filename;
}
