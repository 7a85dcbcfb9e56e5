import type { Model } from './model.ts';

/** A node's name for readers as the model gives it (either may be missing: the id is then the name). */
export interface NodeLabel {
  label?: string;
  labelRu?: string;
}

/**
 * The labels of the sinks in `models` (an experiment's alternatives: a scenario may add one),
 * keyed by sink id; the first model that labels a sink names it. Results carry these so a page
 * names a sink's output ("Output at End-of-line test") even when it cannot load the model (an
 * inline model, a model since renamed); sinks without a label are left out.
 */
export function sinkLabels(models: readonly Model[]): Record<string, NodeLabel> {
  const out: Record<string, NodeLabel> = {};
  for (const model of models) {
    for (const node of model.nodes) {
      if (node.type !== 'sink' || node.id in out || (node.label === undefined && node.labelRu === undefined)) continue;
      out[node.id] = { ...(node.label === undefined ? {} : { label: node.label }), ...(node.labelRu === undefined ? {} : { labelRu: node.labelRu }) };
    }
  }
  return out;
}
