import type { AnalyzerBackend, AnalyzerInput, AnalyzerResult } from '../backend.js';
import { buildPrompt, DEFAULT_TOKEN_BUDGET, type BuiltPrompt } from './buildPrompt.js';
import type { AnalyzerAnswer } from './answerSchema.js';
import { estimateTokens } from './estimateTokens.js';
import { groundRules } from './groundRules.js';
import type { LlmClient, LlmReply, LlmRequest, LlmTurn } from './llmClient.js';
import { LlmError } from './llmError.js';
import { parseAnswer } from './parseAnswer.js';
import { addRedactionCounts, describeRedactions, type RedactText } from './redaction.js';
import { withRetry, type RetryPolicy, type Sleep } from './retryPolicy.js';

/** Room for the answer; a JSON list of short rules fits easily. */
const DEFAULT_MAX_OUTPUT_TOKENS = 8_192;

export interface LlmAnalyzerOptions {
  client: LlmClient;
  /** Applied to every text before it is sent. */
  redact: RedactText;
  /** Why this backend was chosen; shown with the result. */
  reason?: string;
  tokenBudget?: number;
  maxOutputTokens?: number;
  retryPolicy?: RetryPolicy;
  sleep?: Sleep;
}

interface RedactionCache {
  texts: Map<string, string>;
  counts: Map<string, number>;
}

interface Usage {
  sent: number;
  received: number;
  estimated: boolean;
  /** Replies the client gave from its cache (LlmReply.fromCache): no tokens were spent on them. */
  reused: number;
}

/**
 * An analyzer backend on top of any language model: builds the evidence prompt within the token
 * budget, redacts it, asks the model, validates its JSON (one retry with the validation error),
 * retries once with half the budget when the prompt is too long, and keeps only grounded rules.
 * Every failure is thrown as an LlmError.
 */
export class LlmAnalyzer implements AnalyzerBackend {
  readonly name: string;

  constructor(private readonly options: LlmAnalyzerOptions) {
    this.name = options.client.backend;
  }

  async analyze(input: AnalyzerInput, signal?: AbortSignal): Promise<AnalyzerResult> {
    const { client } = this.options;
    const notes: string[] = [];
    const base = { backend: client.backend, model: client.model, reason: this.options.reason ?? '' };
    if (input.findings.length === 0) {
      return { learnings: [], report: { ...base, dropped: [], notes: ['No findings to send; the model was not asked.'] } };
    }

    const usage: Usage = { sent: 0, received: 0, estimated: false, reused: 0 };
    const redactions: RedactionCache = { texts: new Map(), counts: new Map() };
    const budget = this.options.tokenBudget ?? DEFAULT_TOKEN_BUDGET;
    let prompt = buildPromptWithinBudget(input, budget, client.backend);
    let answer: AnalyzerAnswer;
    try {
      answer = await this.askForValidAnswer(prompt, usage, redactions, notes, signal);
    } catch (error) {
      if (!(error instanceof LlmError) || error.kind !== 'context_length') throw error;
      const half = Math.floor(budget / 2);
      notes.push(`The prompt (about ${prompt.estimatedTokens} tokens) was too long for the model; retried once with half the budget (${half} tokens).`);
      prompt = buildPromptWithinBudget(input, half, client.backend);
      answer = await this.askForValidAnswer(prompt, usage, redactions, notes, signal);
    }

    notes.unshift(describePromptSize(prompt));
    const redactionNote = describeRedactions(redactions.counts);
    if (redactionNote) notes.push(redactionNote);
    if (usage.estimated) notes.push('Token counts are estimates: the backend did not report usage.');
    if (usage.reused > 0) notes.push('The same request was answered before: its answer was reused from the cache, without asking the model again (--no-cache asks it).');

    const grounded = groundRules(answer.rules, {
      evidenceById: prompt.evidenceById,
      existingRules: [...prompt.existingRuleById.values()],
      pathExists: (path) => input.pathExists(path),
      projectPath: input.projectPath,
    });
    if (grounded.dropped.length > 0) {
      notes.push(`Dropped ${grounded.dropped.length} of ${answer.rules.length} proposed rules as not grounded in the evidence.`);
    }
    return {
      learnings: grounded.learnings,
      report: {
        ...base,
        tokensSent: usage.sent,
        tokensReceived: usage.received,
        dropped: grounded.dropped,
        notes: [...notes, ...grounded.notes],
      },
    };
  }

  /** One question, and at most one follow-up that quotes the validation error. */
  private async askForValidAnswer(
    prompt: BuiltPrompt,
    usage: Usage,
    redactions: RedactionCache,
    notes: string[],
    signal?: AbortSignal,
  ): Promise<AnalyzerAnswer> {
    const turns: LlmTurn[] = [{ role: 'user', text: prompt.user }];
    const first = await this.send(prompt.system, turns, usage, redactions, signal);
    const firstParse = parseAnswer(first.text);
    if (firstParse.ok) return firstParse.answer;

    notes.push(`The first answer was not usable (${firstParse.error.slice(0, 200)}); asked once more.`);
    turns.push(
      { role: 'assistant', text: first.text },
      {
        role: 'user',
        text: `That answer cannot be used. ${firstParse.error}\nAnswer again with only the JSON object described in the instructions: {"rules":[…]}.`,
      },
    );
    const second = await this.send(prompt.system, turns, usage, redactions, signal);
    const secondParse = parseAnswer(second.text);
    if (secondParse.ok) return secondParse.answer;
    throw new LlmError('bad_answer', `${this.name} answered twice without usable JSON. ${secondParse.error}`, {
      backend: this.name,
    });
  }

  private async send(
    system: string,
    turns: readonly LlmTurn[],
    usage: Usage,
    redactions: RedactionCache,
    signal?: AbortSignal,
  ): Promise<LlmReply> {
    const redactedSystem = this.redactOnce(system, redactions);
    const redactedTurns = turns.map((turn) => ({ role: turn.role, text: this.redactOnce(turn.text, redactions) }));
    const request: LlmRequest = {
      system: redactedSystem,
      turns: redactedTurns,
      maxOutputTokens: this.options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
    };
    const reply = await withRetry(() => this.options.client.complete(request, signal), {
      policy: this.options.retryPolicy,
      sleep: this.options.sleep,
      signal,
    });
    if (reply.fromCache) {
      usage.reused += 1;
      return reply;
    }
    const estimatedIn = estimateTokens(redactedSystem) + redactedTurns.reduce((sum, turn) => sum + estimateTokens(turn.text), 0);
    usage.sent += reply.inputTokens ?? estimatedIn;
    usage.received += reply.outputTokens ?? estimateTokens(reply.text);
    if (reply.inputTokens === undefined || reply.outputTokens === undefined) usage.estimated = true;
    return reply;
  }

  /** Redacts each distinct text once, so a prompt sent twice is counted once. */
  private redactOnce(text: string, cache: RedactionCache): string {
    const known = cache.texts.get(text);
    if (known !== undefined) return known;
    const result = this.options.redact(text);
    addRedactionCounts(cache.counts, result.findings);
    cache.texts.set(text, result.text);
    return result.text;
  }
}

function buildPromptWithinBudget(input: AnalyzerInput, budgetTokens: number, backend: string): BuiltPrompt {
  let prompt: BuiltPrompt;
  try {
    prompt = buildPrompt(input, budgetTokens);
  } catch (error) {
    throw new LlmError('bad_request', error instanceof Error ? error.message : String(error), { backend, cause: error });
  }
  if (prompt.findingsSent === 0) {
    throw new LlmError('bad_request', `A token budget of ${budgetTokens} leaves no room for even the strongest finding.`, { backend });
  }
  return prompt;
}

function describePromptSize(prompt: BuiltPrompt): string {
  const left = prompt.findingsTotal - prompt.findingsSent;
  const findings = `Sent ${prompt.findingsSent} of ${prompt.findingsTotal} findings${left > 0 ? ` (${left} weaker or older left out to stay within ${prompt.budgetTokens} tokens)` : ''}`;
  const rules = prompt.existingRulesTotal > 0 ? ` and ${prompt.existingRulesSent} of ${prompt.existingRulesTotal} existing rules` : '';
  return `${findings}${rules}.`;
}
