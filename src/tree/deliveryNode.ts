// One delivery in the tree: an outcome icon, "status · event", "time · latency", and a
// Markdown tooltip whose every remote value is escaped.
import * as vscode from 'vscode';
import { TreeNode } from './node';
import type { Delivery, Outcome, ProviderId } from '../model/delivery';
import type { DeliveryFeed } from '../model/feed';
import { escapeMarkdown, formatLatency, oneLine, relativeTime } from './format';
import { COMMANDS } from '../commands/ids';
import { outcomeLabel as outcomeText } from '../detail/labels';

const ICON_NAMES: Record<Outcome, [string, string]> = {
  succeeded: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  pending: ['clock', 'charts.yellow'],
  disabled: ['circle-slash', 'disabledForeground'],
  unknown: ['question', 'descriptionForeground'],
};

// One icon per outcome, shared by every node: thousands of rows render per expansion.
export const OUTCOME_ICONS = Object.fromEntries(
  Object.entries(ICON_NAMES).map(([outcome, [icon, color]]) => [outcome, new vscode.ThemeIcon(icon, new vscode.ThemeColor(color))]),
) as Record<Outcome, vscode.ThemeIcon>;

/** "Failed" and the like, translated: the same words as the detail and insights pages. */
export function outcomeLabel(outcome: Outcome): string {
  return outcomeText(outcome, vscode.l10n);
}

/** "Failed delivery" and the like, translated once per outcome rather than once per row. */
const ACCESSIBLE_PREFIXES = new Map<Outcome, string>();

function accessiblePrefix(outcome: Outcome): string {
  let prefix = ACCESSIBLE_PREFIXES.get(outcome);
  if (prefix === undefined) {
    prefix = vscode.l10n.t('{0} delivery', outcomeLabel(outcome));
    ACCESSIBLE_PREFIXES.set(outcome, prefix);
  }
  return prefix;
}

/** "500 Tool called", "— Weekly digest" (no HTTP status), for labels and quick picks. */
export function deliveryLabel(delivery: Delivery): string {
  const status = delivery.httpStatus !== undefined ? String(delivery.httpStatus) : delivery.outcome === 'failed' ? vscode.l10n.t('no response') : '—';
  const what = delivery.eventType?.label ?? delivery.related?.title ?? delivery.id;
  return `${status} ${oneLine(what, 80)}`;
}

/** `delivery.<outcome>.<provider>` for every pair, made once rather than once per row. */
const CONTEXT_VALUES: Record<ProviderId, Record<Outcome, string>> = {
  handinger: contextValues('handinger'),
  cadenya: contextValues('cadenya'),
};

function contextValues(provider: ProviderId): Record<Outcome, string> {
  return Object.fromEntries(Object.keys(ICON_NAMES).map((outcome) => [outcome, `delivery.${outcome}.${provider}`])) as Record<Outcome, string>;
}

/** The open command's title, translated once rather than once per row. */
let openTitle: string | undefined;

/**
 * One clock reading per render: the rows of one pass are described from the same instant,
 * and the clock is read once instead of once per row. It is read again in the next task.
 */
let renderNow: number | undefined;

function now(): number {
  if (renderNow === undefined) {
    renderNow = Date.now();
    queueMicrotask(() => {
      renderNow = undefined;
    });
  }
  return renderNow;
}

export class DeliveryNode extends TreeNode {
  readonly id: string;
  private label: string | undefined;
  private openCommand: vscode.Command | undefined;

  constructor(
    parent: TreeNode,
    readonly delivery: Delivery,
    /** The feed holding it, which knows whether it is a new failure. */
    private readonly feed?: Pick<DeliveryFeed, 'isNewFailure'>,
    /** What its id starts with: the worker's or agent's for a row in a part of a long list, so it keeps its id. */
    idBase: string = parent.id,
  ) {
    super(parent);
    this.id = `${idBase}/${delivery.id}`;
  }

  /** It became failed in a refresh or live poll and the user has not acknowledged it yet. */
  get isNewFailure(): boolean {
    return this.feed?.isNewFailure(this.delivery.id) ?? false;
  }

  toTreeItem(): vscode.TreeItem {
    const d = this.delivery;
    this.label ??= deliveryLabel(d);
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = OUTCOME_ICONS[d.outcome];
    // "new · 5m · 84 ms", leaving out the parts that are empty.
    const when = relativeTime(d.time, now());
    const latency = formatLatency(d.latencyMs);
    let description = when && latency ? `${when} · ${latency}` : when || latency;
    if (this.isNewFailure) {
      const fresh = vscode.l10n.t('new');
      description = description ? `${fresh} · ${description}` : fresh;
    }
    item.description = description;
    // The tooltip is built on hover (DeliveriesTreeProvider.resolveTreeItem), not per row.
    item.contextValue = CONTEXT_VALUES[d.provider][d.outcome];
    item.accessibilityInformation = {
      label: `${accessiblePrefix(d.outcome)}, ${this.label}, ${description}`,
    };
    this.openCommand ??= { command: COMMANDS.openDelivery, title: (openTitle ??= vscode.l10n.t('Open delivery')), arguments: [this] };
    item.command = this.openCommand;
    return item;
  }

  /** The Markdown tooltip, every remote value escaped. */
  tooltip(): vscode.MarkdownString {
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
