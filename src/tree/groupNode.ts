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
    // An objective or task without a title reads by when it ran ("Objective 14:02–14:09");
    // its id follows in the description and the tooltip.
    const label = trigger
      ? trigger.title !== undefined
        ? oneLine(trigger.title, 80)
        : `${this.kindLabel()} ${timeSpan(this.group.oldest, this.group.newest, Date.now())}`.trim()
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
    if (counts.succeeded === deliveries.length && deliveries.length > 0) {
      parts.push(vscode.l10n.t('all succeeded'));
    }
    item.description = trigger && trigger.title === undefined ? [...parts, oneLine(shortId(trigger.id), 40)].join(' · ') : parts.join(' · ');
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

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * "Dec 1, 09:01 PM" or "09:01 PM", made once per locale: toLocaleString with options builds
 * a new formatter on every call (about 1 ms each), which was most of the first draw of a list
 * in parts (three per part, 20 parts at 10,000 loaded).
 */
function dateTimeFormat(locale: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withDate}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, withDate ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit' });
    formats.set(key, format);
  }
  return format;
}

/** "14:02–14:09" today, "3 Dec 14:02–4 Dec 09:10" otherwise; "" without times. */
export function timeSpan(oldest: number, newest: number, now: number, locale: string = vscode.env.language): string {
  if (!newest) {
    return '';
  }
  const day = (ms: number) => new Date(ms).toDateString();
  const time = (ms: number) => dateTimeFormat(locale, day(ms) !== day(now)).format(ms);
  const from = oldest || newest;
  const start = time(from);
  const end = time(newest);
  const clock = dateTimeFormat(locale, false).format(newest);
  if (start === end) {
    return start;
  }
  if (day(from) === day(newest) && day(newest) !== day(now)) {
    return `${start}–${clock}`;
  }
  // From another day to today: "Dec 1, 07:44 PM–today 03:52 AM", not a time that reads as Dec 1's.
  return day(from) !== day(now) && day(newest) === day(now) ? `${start}–${vscode.l10n.t('today {0}', clock)}` : `${start}–${end}`;
}

/** A long id shortened for a row ("obj_01J8…Q7ZK"); the tooltip has it whole. */
function shortId(id: string): string {
  return id.length > 20 ? `${id.slice(0, 10)}…${id.slice(-4)}` : id;
}
