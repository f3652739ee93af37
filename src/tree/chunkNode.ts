// A part of a long list of deliveries under a worker or agent (see chunkLayout.ts): its time
// span as the label, how many deliveries and how many failed or pending as the description,
// and the worst outcome inside as its icon, so a failure in a collapsed part still shows.
// The newest part starts expanded; older ones start collapsed, as VS Code's Variables view
// shows a long array in ranges.
import * as vscode from 'vscode';
import { TreeNode } from './node';
import { OUTCOME_ICONS, outcomeLabel } from './deliveryNode';
import { timeSpan } from './groupNode';
import type { Delivery, Outcome } from '../model/delivery';

/** What a part needs from its worker or agent. */
export interface ChunkParent extends TreeNode {
  chunkChildren(chunk: ChunkNode): TreeNode[];
}

const WORST_FIRST: readonly Outcome[] = ['failed', 'pending', 'unknown', 'disabled', 'succeeded'];
const SHOWN_COUNTS: readonly Outcome[] = ['failed', 'pending', 'unknown', 'disabled'];

export class ChunkNode extends TreeNode {
  readonly id: string;
  /** Its deliveries now, newest first (gap rows aside); set on every layout of the owner. */
  deliveries: readonly Delivery[] = [];

  constructor(
    readonly owner: ChunkParent,
    /** The id of its first row; undefined for the first part, which starts at the top. */
    readonly key: string | undefined,
  ) {
    super(owner);
    this.id = `${owner.id}/part/${key ?? 'newest'}`;
  }

  toTreeItem(): vscode.TreeItem {
    const deliveries = this.deliveries;
    const counts = new Map<Outcome, number>();
    for (const delivery of deliveries) {
      counts.set(delivery.outcome, (counts.get(delivery.outcome) ?? 0) + 1);
    }
    const newest = deliveries[0]?.time ?? 0;
    const oldest = deliveries[deliveries.length - 1]?.time ?? 0;
    const span = timeSpan(oldest, newest, Date.now());
    const count = deliveries.length === 1 ? vscode.l10n.t('1 delivery') : vscode.l10n.t('{0} deliveries', deliveries.length.toLocaleString());
    const label = this.key === undefined ? vscode.l10n.t('Newest') : span || count;
    const item = new vscode.TreeItem(label, this.key === undefined ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const worst = WORST_FIRST.find((outcome) => (counts.get(outcome) ?? 0) > 0) ?? 'succeeded';
    item.iconPath = OUTCOME_ICONS[worst];
    const parts = this.key === undefined && span ? [span, count] : span ? [count] : [];
    for (const outcome of SHOWN_COUNTS) {
      const n = counts.get(outcome) ?? 0;
      if (n > 0) {
        parts.push(`${n.toLocaleString()} ${outcomeLabel(outcome).toLowerCase()}`);
      }
    }
    item.description = parts.join(' · ');
    item.tooltip = vscode.l10n.t(
      'Long lists are shown in parts of about 500, newest first, so loading more or a refresh re-draws only the part that changed.',
    );
    item.contextValue = `part.${worst}`;
    item.accessibilityInformation = { label: `${label}, ${item.description}` };
    return item;
  }

  override getChildren(): TreeNode[] {
    return this.owner.chunkChildren(this);
  }
}
