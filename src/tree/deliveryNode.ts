// One delivery in the tree: an outcome icon, "status · event", "time · latency", and a
// Markdown tooltip whose every remote value is escaped.
import * as vscode from 'vscode';
import { TreeNode } from './node';
import type { Delivery, Outcome } from '../model/delivery';
import { escapeMarkdown, formatLatency, oneLine, relativeTime } from './format';
import { COMMANDS } from '../commands/ids';

const ICONS: Record<Outcome, [string, string]> = {
  succeeded: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  pending: ['clock', 'charts.yellow'],
  disabled: ['circle-slash', 'disabledForeground'],
  unknown: ['question', 'descriptionForeground'],
};

export function outcomeLabel(outcome: Outcome): string {
  switch (outcome) {
    case 'succeeded':
      return vscode.l10n.t('Succeeded');
    case 'failed':
      return vscode.l10n.t('Failed');
    case 'pending':
      return vscode.l10n.t('Pending');
    case 'disabled':
      return vscode.l10n.t('Disabled');
    default:
      return vscode.l10n.t('Unknown');
  }
}

/** "500 Tool called", "— Weekly digest" (no HTTP status), for labels and quick picks. */
export function deliveryLabel(delivery: Delivery): string {
  const status = delivery.httpStatus !== undefined ? String(delivery.httpStatus) : delivery.outcome === 'failed' ? vscode.l10n.t('no response') : '—';
  const what = delivery.eventType?.label ?? delivery.related?.title ?? delivery.id;
  return `${status} ${oneLine(what, 80)}`;
}

export class DeliveryNode extends TreeNode {
  readonly id: string;
  /** Set while live refresh has just brought this delivery in and it failed. */
  isNewFailure = false;

  constructor(
    parent: TreeNode,
    readonly delivery: Delivery,
  ) {
    super(parent);
    this.id = `${parent.id}/${delivery.id}`;
  }

  toTreeItem(): vscode.TreeItem {
    const d = this.delivery;
    const item = new vscode.TreeItem(deliveryLabel(d), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const [icon, color] = ICONS[d.outcome];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    const parts = [relativeTime(d.time, Date.now()), formatLatency(d.latencyMs)].filter(Boolean);
    if (this.isNewFailure) {
      parts.unshift(vscode.l10n.t('new'));
    }
    item.description = parts.join(' · ');
    item.tooltip = this.tooltip();
    item.contextValue = `delivery.${d.outcome}.${d.provider}`;
    item.accessibilityInformation = {
      label: vscode.l10n.t('{0} delivery, {1}, {2}', outcomeLabel(d.outcome), deliveryLabel(d), item.description),
    };
    item.command = { command: COMMANDS.openDelivery, title: vscode.l10n.t('Open delivery'), arguments: [this] };
    return item;
  }

  private tooltip(): vscode.MarkdownString {
    const d = this.delivery;
    const md = new vscode.MarkdownString(undefined, false);
    md.isTrusted = false;
    md.supportHtml = false;
    const row = (label: string, value: string | number | undefined) => {
      if (value !== undefined && value !== '') {
        md.appendMarkdown(`**${escapeMarkdown(label)}:** ${escapeMarkdown(String(value))}  \n`);
      }
    };
    md.appendMarkdown(`**${escapeMarkdown(outcomeLabel(d.outcome))}** · ${escapeMarkdown(d.id)}\n\n`);
    row(vscode.l10n.t('HTTP status'), d.httpStatus);
    row(vscode.l10n.t('Time'), d.time ? new Date(d.time).toLocaleString() : undefined);
    row(vscode.l10n.t('Latency'), formatLatency(d.latencyMs));
    row(vscode.l10n.t('Attempts'), d.attemptCount);
    row(vscode.l10n.t('Event'), d.eventType ? `${d.eventType.label} (${d.eventType.raw})` : undefined);
    row(d.related?.kind === 'objective' ? vscode.l10n.t('Objective') : vscode.l10n.t('Task'), d.related ? d.related.title ?? d.related.id : undefined);
    row(vscode.l10n.t('URL'), d.targetUrl);
    if (d.errorMessage) {
      // Escaped rather than fenced: a fence can be closed by the text inside it.
      const text = d.errorMessage.length > 1500 ? `${d.errorMessage.slice(0, 1500)}…` : d.errorMessage;
      md.appendMarkdown(`\n**${escapeMarkdown(vscode.l10n.t('Error'))}:**  \n${escapeMarkdown(text)}\n`);
    }
    return md;
  }
}
