// "Group by trigger": one node per Handinger task or Cadenya objective under a worker or
// agent, holding the loaded (and filtered) deliveries it caused, with their count and the
// worst outcome as its icon.
import * as vscode from 'vscode';
import { TreeNode } from './node';
import { OUTCOME_ICONS, outcomeLabel } from './deliveryNode';
import { escapeMarkdown, oneLine } from './format';
import type { Outcome, ProviderId } from '../model/delivery';
import type { TriggerGroup } from '../model/grouping';

/** What a group needs from its worker or agent. */
export interface GroupParent extends TreeNode {
  readonly provider: ProviderId;
  groupChildren(group: GroupNode): TreeNode[];
}

const SHOWN_COUNTS: readonly Outcome[] = ['failed', 'pending', 'unknown', 'disabled'];

export class GroupNode extends TreeNode {
  readonly id: string;

  constructor(
    readonly owner: GroupParent,
    readonly key: string,
    /** The deliveries in it now; replaced on every render of the owner. */
    public group: TriggerGroup,
    /** Expanded when it is the only group, so one click shows deliveries. */
    public only = false,
  ) {
    super(owner);
    this.id = `${owner.id}/by-trigger/${key}`;
  }

  private kindLabel(): string {
    if (this.group.trigger?.kind === 'objective' || (!this.group.trigger && this.owner.provider === 'cadenya')) {
      return vscode.l10n.t('Objective');
    }
    return vscode.l10n.t('Task');
  }

  toTreeItem(): vscode.TreeItem {
    const { trigger, deliveries, counts, worst } = this.group;
    const label = trigger
      ? oneLine(trigger.title ?? trigger.id, 80)
      : this.owner.provider === 'cadenya'
        ? vscode.l10n.t('No objective')
        : vscode.l10n.t('No task');
    const item = new vscode.TreeItem(label, this.only ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = OUTCOME_ICONS[worst];
    const parts = [deliveries.length === 1 ? vscode.l10n.t('1 delivery') : vscode.l10n.t('{0} deliveries', deliveries.length)];
    for (const outcome of SHOWN_COUNTS) {
      if (counts[outcome] > 0) {
        parts.push(`${counts[outcome]} ${outcomeLabel(outcome).toLowerCase()}`);
      }
    }
    item.description = parts.join(' · ');
    const tooltip = new vscode.MarkdownString(undefined, false);
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    tooltip.appendMarkdown(`**${escapeMarkdown(this.kindLabel())}:** ${escapeMarkdown(trigger ? (trigger.title ?? trigger.id) : label)}  \n`);
    if (trigger?.title !== undefined) {
      tooltip.appendMarkdown(`**${escapeMarkdown(vscode.l10n.t('ID'))}:** ${escapeMarkdown(trigger.id)}  \n`);
    }
    tooltip.appendMarkdown(escapeMarkdown(parts.join(' · ')));
    item.tooltip = tooltip;
    item.contextValue = `group.${trigger?.kind ?? 'none'}.${worst}`;
    item.accessibilityInformation = { label: `${this.kindLabel()} ${label}, ${item.description}, ${outcomeLabel(worst)}` };
    return item;
  }

  override getChildren(): TreeNode[] {
    return this.owner.groupChildren(this);
  }
}
