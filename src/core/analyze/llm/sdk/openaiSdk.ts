// Entry of dist/sdk/openai.js: the OpenAI SDK in a bundle of its own, loaded on the first request (loadSdk).
export { default } from 'openai';
