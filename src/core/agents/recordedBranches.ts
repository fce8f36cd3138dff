/** `branches` with `branch` added once, in the order first seen (ProjectSessions.branches). */
export function addBranch(branches: readonly string[] | undefined, branch: string): string[] {
  return branches?.includes(branch) ? [...branches] : [...(branches ?? []), branch];
}
