// The URI schemes of the extension's read-only virtual documents. Pure: the entry bundle registers a provider for
// each at activation (src/extension/activation/), the main bundle's providers fill them in.

/** The whole proposed file of a review target, for the native diff (src/extension/diff/proposedContentProvider.ts). */
export const proposedScheme = 'headroom-proposed';
/** An excerpt of a session log around a cited record (src/extension/views/sessionExcerptProvider.ts). */
export const sessionScheme = 'headroom-session';
/** A rule's evidence as a Markdown timeline (src/extension/views/timelineDocument.ts). */
export const timelineScheme = 'headroom-timeline';

export const DOCUMENT_SCHEMES = [proposedScheme, sessionScheme, timelineScheme] as const;
export type DocumentScheme = (typeof DOCUMENT_SCHEMES)[number];
