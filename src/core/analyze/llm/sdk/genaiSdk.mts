// Entry of dist/sdk/genai.js: @google/genai in a bundle of its own, loaded on the first request (loadSdk).
export { ApiError, GoogleGenAI } from '@google/genai';
