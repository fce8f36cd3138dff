import type * as vscode from 'vscode';
import { MODEL_SETTING_SOURCE } from '../analyzers/analyzerForRun.js';
import type { LearnAnalyzerPlan } from '../services.js';
import { readHeadroomSettings } from '../platform/settings.js';

/** Default analyzer plan (until the models feature replaces it): the `headroom.model` setting, else automatic. */
export async function defaultAnalyzerPlan(request: { folder?: vscode.Uri }): Promise<LearnAnalyzerPlan> {
  const { model } = readHeadroomSettings(request.folder);
  return { worker: model ? { model, modelSource: MODEL_SETTING_SOURCE } : {} };
}
