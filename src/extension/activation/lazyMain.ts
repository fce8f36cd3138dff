// Pure: no `vscode` import (the unit tests drive it).

/** The main bundle could not be loaded or could not start: every feature behind it is unavailable. */
export class MainBundleError extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'MainBundleError';
  }
}

/**
 * The rest of the extension (dist/extensionMain.js: the review, Learn, the analyzers, the agent registry and
 * everything they import), started once on first need. `start` requires and activates it; `report` tells the
 * user when that failed. A failure is kept (the bundle may have registered part of itself before it threw, so it
 * is never started twice) and reported again to every caller that needed it, then thrown: never a silent no-op.
 */
export class LazyMain<T> {
  private parts: T | undefined;
  private failure: MainBundleError | undefined;

  constructor(
    private readonly start: () => T,
    private readonly report: (error: MainBundleError) => void,
  ) {}

  get isLoaded(): boolean {
    return this.parts !== undefined;
  }

  /** The started main bundle; starts it on the first call. Throws MainBundleError (after reporting it) when it cannot. */
  get(): T {
    if (this.parts !== undefined) return this.parts;
    if (this.failure === undefined) {
      try {
        this.parts = this.start();
        return this.parts;
      } catch (error) {
        this.failure = new MainBundleError(error);
      }
    }
    this.report(this.failure);
    throw this.failure;
  }
}
