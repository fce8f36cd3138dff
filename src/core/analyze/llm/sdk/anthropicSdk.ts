// Entry of dist/sdk/anthropic.js: the Anthropic SDK in a bundle of its own, loaded on the first request (loadSdk).
export { default } from '@anthropic-ai/sdk';
