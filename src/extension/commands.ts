// The one map of the extension's command ids (package.json contributes.commands lists the same ids; a unit test
// checks both ways). Pure: no `vscode` import.

export const Commands = {
  learn: 'headroom.learn',
  learnAllProjects: 'headroom.learnAllProjects',
  reviewDiff: 'headroom.reviewDiff',
  applySelected: 'headroom.applySelected',
  applyFile: 'headroom.applyFile',
  openNativeDiff: 'headroom.openNativeDiff',
  copyRule: 'headroom.copyRule',
  showEvidence: 'headroom.showEvidence',
  openEvidence: 'headroom.openEvidence',
  openTimeline: 'headroom.openTimeline',
  refreshReview: 'headroom.refreshReview',
  excludeFromFile: 'headroom.excludeFromFile',
  includeInFile: 'headroom.includeInFile',
  setApiKey: 'headroom.setApiKey',
  clearApiKey: 'headroom.clearApiKey',
  selectModel: 'headroom.selectModel',
  showLog: 'headroom.showLog',
  showStats: 'headroom.showStats',
  openWalkthrough: 'headroom.openWalkthrough',
} as const;

/** VS Code's own command that shows the Headroom view container (generated from package.json viewsContainers). */
export const showHeadroomViewCommand = 'workbench.view.extension.headroom';

/** The id of the "Learnings" tree view in the Headroom activity-bar container (package.json contributes.views). */
export const learningsViewId = 'headroom.review';

/** The review diff's webview panel type (package.json activates the extension on `onWebviewPanel:headroom.diff`). */
export const diffPanelViewType = 'headroom.diff';
