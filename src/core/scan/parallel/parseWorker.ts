// Worker thread entry (bundled to dist/parseWorker.js): parses session files with the built-in agent plugins,
// one request at a time, for the parse pool (parsePool.ts). It holds no state between files.
import { parentPort } from 'node:worker_threads';
import { createDefaultRegistry } from '../../agents/builtins.js';
import { describeParseFailure, type ParseReply, type ParseRequest } from './parseMessages.js';
import { sessionFigures } from '../sessionFigures.js';

const registry = createDefaultRegistry();

async function parse(request: ParseRequest): Promise<ParseReply> {
  const plugin = registry.get(request.agent);
  if (!plugin) return { id: request.id, failure: { message: `No built-in agent "${request.agent}" to parse ${request.file.path}.` } };
  try {
    const parsed = await plugin.parse(request.file);
    return request.want === 'figures' ? { id: request.id, figures: sessionFigures(parsed) } : { id: request.id, parsed };
  } catch (error) {
    return { id: request.id, failure: describeParseFailure(error) };
  }
}

parentPort?.on('message', (request: ParseRequest) => {
  void parse(request).then((reply) => parentPort?.postMessage(reply));
});
