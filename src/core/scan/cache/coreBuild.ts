declare const HEADROOM_CORE_BUILD: string | undefined;

/**
 * A digest of src/core's sources, set by the bundler (esbuild.mjs): part of every scan-cache key, so a build
 * whose parsers changed never serves sessions an older build parsed. 'source' when run unbundled (tests).
 */
export function coreBuild(): string {
  return typeof HEADROOM_CORE_BUILD === 'string' ? HEADROOM_CORE_BUILD : 'source';
}
