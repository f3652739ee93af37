// The filter menu of a worker or agent: outcome, status classes, text, time range, Cadenya's
// server-side filters, and saved filters. Every step is a quick pick or an input box; Escape
// at any step leaves the filter as it was.
import * as vscode from 'vscode';
import type { ContainerNode } from '../tree/containerNode';
import {
  DEFAULT_SLOW_MS,
  NO_FILTER,
  describeClasses,
  describeRange,
  hasRange,
  parseDateTime,
  presetLabel,
  type DeliveryFilter,
  type OutcomeFilter,
  type RangePreset,
  type StatusClass,
  type TimeRange,
} from '../model/filter';
import { eventTypeLabel } from '../model/delivery';
import { CADENYA_EVENT_TYPES } from '../providers/cadenya/eventTypes';
import { pickText } from '../model/safeText';
import { pickSavedFilter, saveFilterAs } from './savedFilters';

type Choice = { label: string; description?: string; apply: () => Promise<DeliveryFilter | undefined> };

export async function promptFilter(node: ContainerNode): Promise<DeliveryFilter | undefined> {
  const current = node.filter;
  const cadenya = node.provider === 'cadenya';
  const outcome = (value: OutcomeFilter, label: string): Choice => ({
    label,
    description: current.outcome === value ? vscode.l10n.t('current') : undefined,
    apply: () => Promise.resolve({ ...current, outcome: value }),
  });
  const choices: Choice[] = [
    outcome('failed', `$(error) ${vscode.l10n.t('Failed only')}`),
    outcome('succeeded', `$(pass) ${vscode.l10n.t('Succeeded only')}`),
    outcome('pending', `$(clock) ${vscode.l10n.t('Pending only')}`),
    outcome('all', `$(list-flat) ${vscode.l10n.t('All outcomes')}`),
    {
      label: `$(symbol-numeric) ${vscode.l10n.t('Status classes…')}`,
      description: current.classes?.length ? describeClasses(current.classes, current.slowMs).join(', ') : vscode.l10n.t('2xx, 4xx, 5xx, no response, retried, slow'),
      apply: () => promptClasses(current),
    },
    {
      label: `$(history) ${vscode.l10n.t('Time range…')}`,
      description: hasRange(current.range) ? describeRange(current.range) : vscode.l10n.t('last hour, a day, or from–to'),
      apply: () => promptRange(current),
    },
    {
      label: `$(search) ${vscode.l10n.t('Text…')}`,
      description: vscode.l10n.t('in the URL, error or id of loaded deliveries'),
      apply: async () => {
        const text = await vscode.window.showInputBox({ title: vscode.l10n.t('Filter by text'), value: current.text ?? '' });
        return text === undefined ? undefined : { ...current, text: text.trim() || undefined };
      },
    },
  ];
  if (cadenya) {
    choices.push(
      {
        label: `$(symbol-event) ${vscode.l10n.t('Event type…')}`,
        description: current.eventType ? pickText(eventTypeLabel(current.eventType)) : vscode.l10n.t('asks the server'),
        apply: async () => {
          const seen = new Set([...CADENYA_EVENT_TYPES, ...node.deliveries.map((d) => d.eventType?.raw).filter((v): v is string => Boolean(v))]);
          const picked = await vscode.window.showQuickPick(
            [{ label: vscode.l10n.t('Any event type'), raw: undefined as string | undefined }, ...[...seen].map((raw) => ({ label: pickText(eventTypeLabel(raw)), description: pickText(raw), raw }))],
            { placeHolder: vscode.l10n.t('Show deliveries of one event type'), matchOnDescription: true },
          );
          return picked ? { ...current, eventType: picked.raw } : undefined;
        },
      },
      {
        label: `$(target) ${vscode.l10n.t('Objective id…')}`,
        description: current.objectiveId !== undefined ? pickText(current.objectiveId) : vscode.l10n.t('asks the server'),
        apply: async () => {
          const id = await vscode.window.showInputBox({ title: vscode.l10n.t('Filter by objective id'), value: current.objectiveId ?? '', prompt: vscode.l10n.t('Leave empty for all objectives') });
          return id === undefined ? undefined : { ...current, objectiveId: id.trim() || undefined };
        },
      },
    );
  }
  choices.push(
    {
      label: `$(bookmark) ${vscode.l10n.t('Apply a saved filter…')}`,
      apply: async () => (await pickSavedFilter(node))?.filter,
    },
    {
      label: `$(save) ${vscode.l10n.t('Save this filter as…')}`,
      description: vscode.l10n.t('kept in your user settings'),
      apply: async () => {
        await saveFilterAs(current);
        return undefined;
      },
    },
    { label: `$(clear-all) ${vscode.l10n.t('Clear filter')}`, apply: () => Promise.resolve(NO_FILTER) },
  );
  const picked = await vscode.window.showQuickPick(choices, { placeHolder: vscode.l10n.t('Filter {0}', pickText(node.container.name)) });
  return picked?.apply();
}

const CLASS_LABELS: Readonly<Record<StatusClass, () => string>> = {
  '2xx': () => vscode.l10n.t('2xx: the handler accepted it'),
  '3xx': () => vscode.l10n.t('3xx: redirected'),
  '4xx': () => vscode.l10n.t('4xx: the handler refused it'),
  '5xx': () => vscode.l10n.t('5xx: the handler failed'),
  none: () => vscode.l10n.t('No response: no connection, timeout, or status 0'),
  retried: () => vscode.l10n.t('Retried: more than one attempt'),
  slow: () => vscode.l10n.t('Slow: latency above a threshold'),
};

/** Several response classes match any of them; "retried" and "slow" narrow further. */
export async function promptClasses(current: DeliveryFilter): Promise<DeliveryFilter | undefined> {
  const chosen = new Set(current.classes ?? []);
  const items = (Object.keys(CLASS_LABELS) as StatusClass[]).map((value) => ({ label: CLASS_LABELS[value](), value, picked: chosen.has(value) }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    placeHolder: vscode.l10n.t('Show deliveries in these classes (response classes: any of them; retried and slow: as well)'),
  });
  if (!picked) {
    return undefined;
  }
  const classes = picked.map((item) => item.value);
  let slowMs = current.slowMs;
  if (classes.includes('slow')) {
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Slow means a latency above (milliseconds)'),
      value: String(current.slowMs ?? DEFAULT_SLOW_MS),
      validateInput: (value) => (/^\d{1,7}$/.test(value.trim()) && Number(value) > 0 ? undefined : vscode.l10n.t('A whole number of milliseconds, such as 1000.')),
    });
    if (text === undefined) {
      return undefined;
    }
    slowMs = Number(text.trim());
  }
  return { ...current, classes: classes.length > 0 ? classes : undefined, slowMs: classes.includes('slow') ? slowMs : undefined };
}

const PRESETS: readonly RangePreset[] = ['15m', '1h', '24h', '7d'];

export async function promptRange(current: DeliveryFilter): Promise<DeliveryFilter | undefined> {
  type RangeChoice = { label: string; description?: string; range: () => Promise<TimeRange | null | undefined> };
  const now = Date.now();
  const choices: RangeChoice[] = [
    ...PRESETS.map((preset) => ({
      label: `$(history) ${presetLabel(preset).replace(/^./, (first) => first.toUpperCase())}`,
      description: current.range && 'preset' in current.range && current.range.preset === preset ? vscode.l10n.t('current') : undefined,
      range: () => Promise.resolve<TimeRange>({ preset }),
    })),
    {
      label: `$(calendar) ${vscode.l10n.t('From… to…')}`,
      description: current.range && !('preset' in current.range) ? describeRange(current.range) : vscode.l10n.t('in your time zone ({0})', timeZoneName()),
      range: () => promptCustomRange(current.range, now),
    },
    { label: `$(clear-all) ${vscode.l10n.t('Any time')}`, range: () => Promise.resolve(null) },
  ];
  const picked = await vscode.window.showQuickPick(choices, { placeHolder: vscode.l10n.t('Show deliveries created in…') });
  const range = await picked?.range();
  if (range === undefined) {
    return undefined;
  }
  return { ...current, range: range ?? undefined };
}

function timeZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function localText(ms: number): string {
  const date = new Date(ms);
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

async function promptCustomRange(current: TimeRange | undefined, now: number): Promise<TimeRange | undefined> {
  const fixed = current && !('preset' in current) ? current : undefined;
  const zone = timeZoneName();
  const invalid = vscode.l10n.t('A date and time such as {0}, or a time such as 14:00 for today.', localText(now - 3_600_000));
  const fromText = await vscode.window.showInputBox({
    title: vscode.l10n.t('From (your time zone, {0})', zone),
    value: fixed?.from !== undefined ? localText(fixed.from) : localText(now - 3_600_000),
    prompt: vscode.l10n.t('YYYY-MM-DD HH:mm, or HH:mm for today'),
    validateInput: (value) => (parseDateTime(value, now) === undefined ? invalid : undefined),
  });
  if (fromText === undefined) {
    return undefined;
  }
  const from = parseDateTime(fromText, now)!;
  const toText = await vscode.window.showInputBox({
    title: vscode.l10n.t('To (your time zone, {0}); empty for now', zone),
    value: fixed?.to !== undefined ? localText(fixed.to) : '',
    prompt: vscode.l10n.t('YYYY-MM-DD HH:mm, or HH:mm for today; leave empty to include the newest'),
    validateInput: (value) => {
      if (!value.trim()) {
        return undefined;
      }
      const to = parseDateTime(value, now);
      return to === undefined ? invalid : to < from ? vscode.l10n.t('The end must come after the start ({0}).', localText(from)) : undefined;
    },
  });
  if (toText === undefined) {
    return undefined;
  }
  // A typed minute includes all of it: 14:15 ends at 14:15:59.999.
  const to = toText.trim() ? parseDateTime(toText, now)! + (/:\d{2}:\d{2}$/.test(toText.trim()) ? 999 : 59_999) : undefined;
  return { from, to };
}
