/** The server's rule for dataset names: a letter, then letters, digits, `_` or `-`. */
export const DATASET_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * Checks a dataset name the way the server does. Returns null when valid, otherwise a message that
 * names the problem and the offending character.
 */
export function datasetNameProblem(name: string): string | null {
  if (name.length === 0) return 'Enter a dataset name.';
  if (DATASET_NAME_PATTERN.test(name)) return null;
  const first = name.charAt(0);
  if (!/[A-Za-z]/.test(first)) return `Dataset names start with a letter, not "${first}".`;
  const bad = [...name].find((c) => !/[A-Za-z0-9_-]/.test(c)) ?? '';
  const shown = bad === ' ' ? 'a space' : `"${bad}"`;
  return `Dataset names may contain only letters, digits, "_" and "-"; remove ${shown}.`;
}

export function isValidDatasetName(name: string): boolean {
  return datasetNameProblem(name) === null;
}
